import { z } from "zod";
import { isFieldError, resolveTime } from "../calendars/event-times";
import type { ShowAs, StoredEvent } from "../calendars/model";
import { formatGraphDateTime, localDate, midnightIn, resolveZone, type GraphZone } from "../calendars/time-zones";
import type { User } from "../directory";
import { calendarRights, requireCalendar, resolveMailbox } from "./mailbox";
import { outputZone } from "./query-options";
import { graphError, graphJson } from "./responses";
import type { GraphCall, GraphRoute } from "./route";

/**
 * POST …/calendar/getSchedule (https://learn.microsoft.com/graph/api/calendar-getschedule): free/busy of up to 20
 * mailboxes. Every mailbox of the caller's tenant publishes free/busy (Exchange's default sharing); subject and
 * location only come with read access to that calendar. An address that resolves to no mailbox of the tenant gets
 * a per-item error while the others succeed. Times come back in UTC unless `Prefer: outlook.timezone` says otherwise.
 */

const MAX_SCHEDULES = 20;
const MAX_WINDOW_DAYS = 62;

const scheduleRequestSchema = z.object({
  schedules: z.array(z.string()).min(1),
  startTime: z.object({ dateTime: z.string(), timeZone: z.string().nullish() }),
  endTime: z.object({ dateTime: z.string(), timeZone: z.string().nullish() }),
  availabilityViewInterval: z.number().int().optional(),
});

/**
 * availabilityView digits (https://learn.microsoft.com/graph/api/resources/scheduleinformation): 0 free, 1 tentative,
 * 2 busy, 3 out of office. Working elsewhere is reported as 0, not 4, "for backward compatibility".
 */
const DIGIT: Record<ShowAs, number> = { free: 0, workingElsewhere: 0, unknown: 0, tentative: 1, busy: 2, oof: 3 };

const DAY_MS = 24 * 60 * 60 * 1000;

interface Busy {
  event: StoredEvent;
  start: Date;
  end: Date;
}

function invalid(call: GraphCall, message: string): void {
  graphError(call.res, call.ids, 400, "ErrorInvalidParameter", message);
}

/** All-day events cover midnight to midnight in the request's zone. */
function busyTimes(events: StoredEvent[], requestZone: GraphZone, from: Date, to: Date): Busy[] {
  return events
    .filter((event) => !event.isCancelled)
    .map((event) =>
      event.isAllDay
        ? { event, start: midnightIn(localDate(event.start, "UTC"), requestZone.iana), end: midnightIn(localDate(event.end, "UTC"), requestZone.iana) }
        : { event, start: event.start, end: event.end },
    )
    .filter((busy) => busy.start < to && busy.end > from);
}

function availabilityView(busy: Busy[], from: Date, to: Date, intervalMinutes: number): string {
  const step = intervalMinutes * 60 * 1000;
  let view = "";
  for (let slot = from.getTime(); slot < to.getTime(); slot += step) {
    const overlapping = busy.filter((item) => item.start.getTime() < slot + step && item.end.getTime() > slot);
    view += String(Math.max(0, ...overlapping.map((item) => DIGIT[item.event.showAs])));
  }
  return view;
}

function scheduleInformation(call: GraphCall, address: string, range: { from: Date; to: Date; zone: GraphZone }, interval: number, output: GraphZone) {
  const { directory, calendars } = call.ctx.state;
  const target = directory.userByEmail(address);
  const calendar = target && calendars.defaultCalendar(target.id);
  if (!target || !calendar || target.tenantId !== call.token.tenantId) {
    return {
      scheduleId: address,
      error: { message: `Unable to resolve e-mail address ${address} to an Active Directory object.`, responseCode: "ErrorMailRecipientNotFound" },
    };
  }
  const mailbox = { user: target, contextName: `users('${target.id}')`, self: call.token.userId === target.id };
  const rights = calendarRights(call, mailbox, calendar);
  // Widened by a day: all-day events float and are placed in the request's zone below.
  const events = calendars.instances(calendar.id, new Date(range.from.getTime() - DAY_MS), new Date(range.to.getTime() + DAY_MS));
  const busy = busyTimes(events, range.zone, range.from, range.to);
  const time = (instant: Date) => ({ dateTime: formatGraphDateTime(instant, output), timeZone: output.label });
  return {
    scheduleId: address,
    availabilityView: availabilityView(busy, range.from, range.to, interval),
    scheduleItems: busy.map(({ event, start, end }) => {
      const isPrivate = event.sensitivity === "private";
      const details = rights.read && (!isPrivate || rights.canViewPrivateItems);
      return details
        ? { isPrivate, status: event.showAs, subject: event.subject, location: event.location, start: time(start), end: time(end) }
        : { status: event.showAs, start: time(start), end: time(end) };
    }),
    workingHours: workingHours(call, target),
  };
}

function workingHours(call: GraphCall, user: User) {
  return {
    daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
    startTime: "08:00:00.0000000",
    endTime: "17:00:00.0000000",
    timeZone: { name: call.ctx.state.calendars.mailboxTimeZones.get(user.id) ?? "UTC" },
  };
}

function getSchedule(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  if (!mailbox) return;
  if (call.ctx.state.directory.tenant(mailbox.user.tenantId).kind === "personal") {
    return graphError(call.res, call.ids, 400, "ErrorInvalidRequest", "getSchedule is not supported for personal Microsoft accounts.");
  }
  if (!requireCalendar(call, mailbox, undefined, "read")) return;
  const parsed = scheduleRequestSchema.safeParse(call.req.json);
  if (!parsed.success) return invalid(call, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const { schedules, startTime, endTime, availabilityViewInterval: interval = 30 } = parsed.data;
  if (schedules.length > MAX_SCHEDULES) return invalid(call, `The number of schedules (${schedules.length}) exceeds the maximum of ${MAX_SCHEDULES}.`);
  if (interval < 5 || interval > 1440) return invalid(call, "availabilityViewInterval must be between 5 and 1440 minutes.");
  const start = resolveTime(startTime);
  if (isFieldError(start)) return graphError(call.res, call.ids, start.status, start.code, start.message);
  const end = resolveTime(endTime);
  if (isFieldError(end)) return graphError(call.res, call.ids, end.status, end.code, end.message);
  if (end.instant <= start.instant) return invalid(call, "The end time must be after the start time.");
  if (end.instant.getTime() - start.instant.getTime() >= MAX_WINDOW_DAYS * DAY_MS) {
    return graphError(call.res, call.ids, 400, "ErrorTimeIntervalTooBig", `The time window must be shorter than ${MAX_WINDOW_DAYS} days.`);
  }
  const output = outputZone(call);
  if (!output) return;
  const requestZone = resolveZone(start.label) ?? output.zone;
  const range = { from: start.instant, to: end.instant, zone: requestZone };
  graphJson(
    call.res,
    call.ids,
    200,
    {
      "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`,
      value: schedules.map((address) => scheduleInformation(call, address, range, interval, output.zone)),
    },
    output.headers,
  );
}

export const scheduleRoutes: GraphRoute[] = [
  { method: "POST", pattern: /^\/(me|users\/[^/]+)\/calendar\/(?:microsoft\.graph\.)?getSchedule\/?$/i, handle: getSchedule },
];
