import "server-only";
import type { DateTime } from "luxon";
import { HubError, type PublicError } from "../../../errors";
import { log } from "../../../log";
import { fromGraphDateTime, isoIn, toGraphDateTime } from "../../../time";
import { graphError } from "../microsoft-errors";
import { readCalendarView, type CalendarEvent, type ShowAs } from "./events";
import { graphFor, resolveSource, type CalendarSource, type SourceRef } from "./sources";

/**
 * Free/busy for many calendars at once. Whole mailboxes are asked with getSchedule, at most 20 addresses per request;
 * a particular calendar (calendarId) is read with calendarView. Requests run in parallel, never more than 4 per
 * mailbox (sources.ts). Tentative, busy and out-of-office block a slot; free and workingElsewhere do not.
 *
 * It FAILS CLOSED: a calendar whose request failed is reported as unknown, with the error, and its time is never
 * offered as free. (Peers add no busy time for a failed calendar, so it looks free and gets double-booked.)
 * https://learn.microsoft.com/graph/api/calendar-getschedule
 */
export const MAX_SCHEDULES_PER_REQUEST = 20;
const BLOCKING: ReadonlySet<string> = new Set(["tentative", "busy", "oof", "unknown"]);

export type CalendarRef = SourceRef & { calendarId?: string };
export type SlotStatus = "free" | "busy" | "unknown";
export type BusyInterval = { start: string; end: string; status: ShowAs };

export type CalendarAvailability = {
  accountId: string;
  mailbox: string | null;
  calendarId: string | null;
  label: string;
  status: "ok" | "unknown";
  error?: PublicError;
  busy: BusyInterval[];
  /** One status per slot of the result, in order. */
  slots: SlotStatus[];
  /** Every event in the range, when a particular calendar (calendarId) was read; free/busy alone has none. */
  events?: CalendarEvent[];
};

export type Availability = {
  timeZone: string;
  slotMinutes: number;
  /** Combined over all calendars: free only when every calendar is known to be free. */
  slots: { start: string; end: string; status: SlotStatus }[];
  calendars: CalendarAvailability[];
};

type Interval = { start: DateTime; end: DateTime; status: ShowAs };
type Answer = { intervals: Interval[]; events?: CalendarEvent[] } | { error: HubError };

type ScheduleItem = { status?: string; start: { dateTime: string; timeZone?: string }; end: { dateTime: string; timeZone?: string } };
type ScheduleInformation = {
  scheduleId: string;
  availabilityView?: string;
  scheduleItems?: ScheduleItem[];
  error?: { message?: string; responseCode?: string } | null;
};

export type AvailabilityRequest = {
  calendars: CalendarRef[];
  start: DateTime;
  end: DateTime;
  timeZone: string;
  slotMinutes: number;
  /** When moving a booking: its own event does not make its new time busy. */
  ignoreEventId?: string;
};

export async function getAvailability(request: AvailabilityRequest): Promise<Availability> {
  const sources = await Promise.all(request.calendars.map((ref, index) => resolveSource(ref, `calendars.${index}.accountId`)));
  const answers = new Map<number, Answer>();

  const scheduleRefs = request.calendars.map((ref, index) => ({ ref, index, source: sources[index]! })).filter(({ ref }) => !ref.calendarId);
  const viewRefs = request.calendars.map((ref, index) => ({ ref, index, source: sources[index]! })).filter(({ ref }) => ref.calendarId);

  await Promise.all([
    ...groupByCaller(scheduleRefs).map(async ({ caller, entries }) => {
      const addresses = [...new Set(entries.map((entry) => entry.source.address.toLowerCase()))];
      const chunks = Array.from({ length: Math.ceil(addresses.length / MAX_SCHEDULES_PER_REQUEST) }, (_, i) =>
        addresses.slice(i * MAX_SCHEDULES_PER_REQUEST, (i + 1) * MAX_SCHEDULES_PER_REQUEST),
      );
      const byAddress = new Map<string, Answer>();
      await Promise.all(
        chunks.map(async (chunk) => {
          for (const [address, answer] of await askSchedules(caller, chunk, request)) byAddress.set(address, answer);
        }),
      );
      for (const entry of entries) answers.set(entry.index, byAddress.get(entry.source.address.toLowerCase()) ?? missing());
    }),
    ...viewRefs.map(async ({ ref, index, source }) => {
      try {
        const events = await graphFor(source, (client) => readCalendarView(client, source, ref.calendarId!, request.start, request.end, request.timeZone), {
          permission: source.readPermission,
          subject: `the calendar of ${source.label}`,
        });
        answers.set(index, {
          events: events.map(({ event }) => event),
          intervals: events
            .filter(({ event }) => !event.isCancelled && event.id !== request.ignoreEventId)
            .map(({ event, startInstant, endInstant }) => ({ start: startInstant, end: endInstant, status: event.showAs })),
        });
      } catch (error) {
        answers.set(index, { error: asHubError(error) });
      }
    }),
  ]);

  return summarise(request, sources, answers);
}

/** getSchedule is asked as one caller per account (delegated) or per tenant (application). */
function groupByCaller<T extends { source: CalendarSource }>(entries: T[]): { caller: Promise<CalendarSource>; entries: T[] }[] {
  const groups = new Map<string, { caller: Promise<CalendarSource>; entries: T[] }>();
  for (const entry of entries) {
    const { source } = entry;
    const key = source.identity.kind === "account" ? `account:${source.identity.accountId}` : `app:${source.identity.tenant}`;
    const group = groups.get(key) ?? {
      // Delegated: the account's own mailbox asks (/me); application: any mailbox of that tenant can ask.
      caller: source.accountId ? resolveSource({ accountId: source.accountId }) : Promise.resolve(source),
      entries: [],
    };
    group.entries.push(entry);
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function askSchedules(callerPromise: Promise<CalendarSource>, addresses: string[], request: AvailabilityRequest): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  try {
    const caller = await callerPromise;
    const interval = Math.min(1440, Math.max(5, request.slotMinutes));
    const response = (await graphFor(
      caller,
      (client) =>
        client
          .api(`${caller.path}/calendar/getSchedule`)
          .header("Prefer", `outlook.timezone="${request.timeZone}"`)
          .post({
            schedules: addresses,
            startTime: toGraphDateTime(request.start, request.timeZone),
            endTime: toGraphDateTime(request.end, request.timeZone),
            availabilityViewInterval: interval,
          }),
      { permission: caller.readPermission, subject: "free/busy information" },
    )) as { value?: ScheduleInformation[] };
    for (const information of response.value ?? []) {
      const address = information.scheduleId.toLowerCase();
      if (information.error) {
        const message = information.error.message ?? information.error.responseCode ?? "Microsoft gave no free/busy information";
        answers.set(address, { error: new HubError(information.error.responseCode ?? "schedule_error", `Microsoft could not give the free/busy time of ${address}: ${message}`) });
      } else {
        // One mailbox's unreadable answer (an unknown time zone) makes that mailbox unknown, not the whole group.
        try {
          answers.set(address, { intervals: scheduleIntervals(information, request.start, interval) });
        } catch (error) {
          answers.set(address, { error: asHubError(error) });
        }
      }
    }
  } catch (error) {
    const failure = asHubError(error);
    log.warn("office365.get_schedule_failed", { errorCode: failure.code, schedules: addresses.length });
    for (const address of addresses) answers.set(address, { error: failure });
  }
  return answers;
}

/** Prefer the exact items; without them (free/busy-only access), read the digits of availabilityView. */
export function scheduleIntervals(information: ScheduleInformation, start: DateTime, intervalMinutes: number): Interval[] {
  if (information.scheduleItems) {
    return information.scheduleItems.map((item) => ({
      start: fromGraphDateTime(item.start),
      end: fromGraphDateTime(item.end),
      status: (item.status ?? "unknown") as ShowAs,
    }));
  }
  const digits: Record<string, ShowAs> = { "0": "free", "1": "tentative", "2": "busy", "3": "oof", "4": "workingElsewhere" };
  return [...(information.availabilityView ?? "")].map((digit, i) => ({
    start: start.plus({ minutes: i * intervalMinutes }),
    end: start.plus({ minutes: (i + 1) * intervalMinutes }),
    status: digits[digit] ?? "unknown",
  }));
}

function summarise(request: AvailabilityRequest, sources: CalendarSource[], answers: Map<number, Answer>): Availability {
  const slots: { start: DateTime; end: DateTime }[] = [];
  for (let at = request.start; at < request.end; at = at.plus({ minutes: request.slotMinutes })) {
    const next = at.plus({ minutes: request.slotMinutes });
    slots.push({ start: at, end: next < request.end ? next : request.end });
  }
  const calendars = request.calendars.map((ref, index): CalendarAvailability => {
    const source = sources[index]!;
    const answer = answers.get(index) ?? missing();
    const base = { accountId: ref.accountId, mailbox: ref.mailbox ?? null, calendarId: ref.calendarId ?? null, label: source.label };
    if ("error" in answer) {
      return { ...base, status: "unknown", error: answer.error.toJSON(), busy: [], slots: slots.map(() => "unknown") };
    }
    const blocking = answer.intervals.filter((interval) => BLOCKING.has(interval.status) && interval.end > request.start && interval.start < request.end);
    return {
      ...base,
      status: "ok",
      busy: blocking.map((interval) => ({ start: isoIn(interval.start, request.timeZone), end: isoIn(interval.end, request.timeZone), status: interval.status })),
      slots: slots.map((slot) => (blocking.some((interval) => interval.start < slot.end && interval.end > slot.start) ? "busy" : "free")),
      ...(answer.events ? { events: answer.events } : {}),
    };
  });
  return {
    timeZone: request.timeZone,
    slotMinutes: request.slotMinutes,
    slots: slots.map((slot, i) => {
      const statuses = calendars.map((calendar) => calendar.slots[i]);
      const status: SlotStatus = statuses.includes("busy") ? "busy" : statuses.includes("unknown") ? "unknown" : "free";
      return { start: isoIn(slot.start, request.timeZone), end: isoIn(slot.end, request.timeZone), status };
    }),
    calendars,
  };
}

function missing(): Answer {
  return { error: new HubError("no_answer", "Microsoft did not answer for this calendar, so its free time is unknown.") };
}

function asHubError(error: unknown): HubError {
  return error instanceof HubError ? error : graphError(error);
}
