import "server-only";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { DateTime } from "luxon";
import { HubError, type PublicError } from "../../../errors";
import { log } from "../../../log";
import { SingleFlight } from "../../../single-flight";
import { graphDateTimeMs, isoAt, toGraphDateTime } from "../../../time";
import { graphError } from "../microsoft-errors";
import { calendarSlotsProblem } from "./schemas";
import type { ShowAs } from "./events";
import { graphFor, resolveSource, type CalendarSource, type SourceRef } from "./sources";

/**
 * Free/busy for many calendars at once. Whole mailboxes are asked with getSchedule, at most 20 addresses per request;
 * a particular calendar (calendarId) is read with calendarView, asking only for what decides free or busy. Requests
 * run in parallel, never more than 4 per mailbox (sources.ts). Tentative, busy and out-of-office block a slot; free
 * and workingElsewhere do not.
 *
 * The cost is bounded by what is answered: the same calendar asked twice (however it is written) is read once and
 * answered once; identical reads already in flight for other callers are shared; at most MAX_AVAILABILITY_EVENTS
 * events are read per calendar; and the schema caps calendars × slots. Slots are computed in one pass over sorted
 * intervals, in epoch milliseconds.
 *
 * It FAILS CLOSED: a calendar whose request failed is reported as unknown, with the error, and its time is never
 * offered as free. (Peers add no busy time for a failed calendar, so it looks free and gets double-booked.)
 * https://learn.microsoft.com/graph/api/calendar-getschedule
 */
export const MAX_SCHEDULES_PER_REQUEST = 20;
/** More events than this in one calendar's window and its availability is reported unknown, not read on and on. */
export const MAX_AVAILABILITY_EVENTS = 5_000;
const PAGE_SIZE = 1000;
const MAX_PAGES = 100;
/** Only these leave time free; anything else (tentative, busy, oof, unknown, or a value Microsoft adds later) blocks. */
const NOT_BLOCKING: ReadonlySet<string> = new Set(["free", "workingElsewhere"]);
/** Whether an event shown this way takes the time. */
export const blocksTime = (showAs: string) => !NOT_BLOCKING.has(showAs);

export type CalendarRef = SourceRef & { calendarId?: string };
export type SlotStatus = "free" | "busy" | "unknown";
export type BusyInterval = { start: string; end: string; status: ShowAs };

export type CalendarAvailability = {
  accountId: string;
  mailbox: string | null;
  calendarId: string | null;
  label: string;
  /** The entries of the request this answers: a calendar asked for more than once is read and answered once. */
  requested: number[];
  status: "ok" | "unknown";
  error?: PublicError;
  busy: BusyInterval[];
  /** One status per slot of the result, in order. */
  slots: SlotStatus[];
};

export type Availability = {
  timeZone: string;
  slotMinutes: number;
  /** Combined over all calendars: free only when every calendar is known to be free. */
  slots: { start: string; end: string; status: SlotStatus }[];
  calendars: CalendarAvailability[];
};

/** An event's time as availability needs it: epoch milliseconds, how it shows, and its id (to ignore a booking's own). */
export type Interval = { start: number; end: number; status: string; eventId?: string; iCalUId?: string };
export type Answer = { intervals: Interval[] } | { error: HubError };

export type AvailabilityRequest = {
  calendars: CalendarRef[];
  start: DateTime;
  end: DateTime;
  timeZone: string;
  slotMinutes: number;
  /** When moving a booking: its own event does not make its new time busy. */
  ignoreEventId?: string;
  /** Just before a booking is written: read now, rather than join a read another caller started earlier. */
  fresh?: boolean;
};

/** One distinct calendar of a request, with how the hub reaches it. */
export type DistinctCalendar = { ref: CalendarRef; source: CalendarSource; requested: number[] };

export async function getAvailability(request: AvailabilityRequest): Promise<Availability> {
  const calendars = await distinctCalendars(request.calendars);
  const slots = Math.ceil((request.end.toMillis() - request.start.toMillis()) / (request.slotMinutes * 60_000));
  const tooBig = calendarSlotsProblem(calendars.length, slots);
  if (tooBig) throw new HubError("invalid_input", { message: tooBig }, { field: "slotMinutes" });
  const answers = await readBusyTimes(calendars, request);
  // Everything the hub does after Microsoft's last answer is this synchronous step: its CPU is logged for the bench.
  const cpuBefore = process.cpuUsage();
  const availability = availabilityFrom(
    request,
    calendars.map((calendar) => ({ calendar, answer: answers.get(calendar) ?? missing() })),
  );
  const cpu = process.cpuUsage(cpuBefore);
  log.debug("availability.answered", { calendars: calendars.length, slots, answerCpuMs: (cpu.user + cpu.system) / 1000 });
  return availability;
}

/**
 * The busy times of distinct calendars over a window, each as intervals or the error that kept it unknown: whole
 * mailboxes with getSchedule (at most 20 a request, one caller per account or tenant), particular calendars with
 * calendarView. `interval` is getSchedule's availabilityViewInterval (its digits are only read without items).
 */
export async function readBusyTimes(
  calendars: DistinctCalendar[],
  window: { start: DateTime; end: DateTime; slotMinutes?: number; fresh?: boolean },
): Promise<Map<DistinctCalendar, Answer>> {
  const answers = new Map<DistinctCalendar, Answer>();
  const request = { ...window, slotMinutes: window.slotMinutes ?? 30 };
  await Promise.all([
    ...groupByCaller(calendars.filter((calendar) => !calendar.ref.calendarId)).map(async ({ caller, members }) => {
      const addresses = [...new Set(members.map((member) => member.source.address.toLowerCase()))];
      const byAddress = new Map<string, Answer>();
      const chunks = Array.from({ length: Math.ceil(addresses.length / MAX_SCHEDULES_PER_REQUEST) }, (_, i) =>
        addresses.slice(i * MAX_SCHEDULES_PER_REQUEST, (i + 1) * MAX_SCHEDULES_PER_REQUEST),
      );
      await Promise.all(
        chunks.map(async (chunk) => {
          for (const [address, answer] of await askSchedules(caller, chunk, request)) byAddress.set(address, answer);
        }),
      );
      for (const member of members) answers.set(member, byAddress.get(member.source.address.toLowerCase()) ?? missing());
    }),
    ...calendars
      .filter((calendar) => calendar.ref.calendarId)
      .map(async (calendar) => {
        try {
          const intervals = await readBusyIntervals(calendar.source, calendar.ref.calendarId!, window.start, window.end, { fresh: window.fresh });
          answers.set(calendar, { intervals });
        } catch (error) {
          answers.set(calendar, { error: asHubError(error) });
        }
      }),
  ]);
  return answers;
}

/**
 * The request's calendars, each once: resolved once per account and mailbox, and merged when two entries name the
 * same calendar (a mailbox written in another case, or an account's own address given as its mailbox).
 */
export async function distinctCalendars(refs: CalendarRef[]): Promise<DistinctCalendar[]> {
  const sources = new Map<string, Promise<CalendarSource>>();
  const resolved = await Promise.all(
    refs.map((ref, index) => {
      const key = `${ref.accountId}|${ref.mailbox?.toLowerCase() ?? ""}`;
      let source = sources.get(key);
      if (!source) {
        source = resolveSource(ref, `calendars.${index}.accountId`);
        sources.set(key, source);
      }
      return source;
    }),
  );
  const distinct = new Map<string, DistinctCalendar>();
  refs.forEach((ref, index) => {
    const source = resolved[index]!;
    const key = `${source.key}|${ref.calendarId ?? ""}`;
    const found = distinct.get(key);
    if (found) found.requested.push(index);
    else distinct.set(key, { ref, source, requested: [index] });
  });
  return [...distinct.values()];
}

/** getSchedule is asked as one caller per account (delegated) or per tenant (application). */
function groupByCaller(calendars: DistinctCalendar[]): { caller: Promise<CalendarSource>; members: DistinctCalendar[] }[] {
  const groups = new Map<string, { caller: Promise<CalendarSource>; members: DistinctCalendar[] }>();
  for (const calendar of calendars) {
    const { source } = calendar;
    const key = identityKey(source);
    const group = groups.get(key) ?? {
      // Delegated: the account's own mailbox asks (/me); application: any mailbox of that tenant can ask.
      caller: source.accountId ? resolveSource({ accountId: source.accountId }) : Promise.resolve(source),
      members: [],
    };
    group.members.push(calendar);
    groups.set(key, group);
  }
  return [...groups.values()];
}

const identityKey = (source: CalendarSource) => (source.identity.kind === "account" ? `account:${source.identity.accountId}` : `app:${source.identity.tenant}`);

// Identical reads in flight (many people viewing the same room's week) are made once and shared.
const sharedReads = new SingleFlight<Interval[]>();
const sharedSchedules = new SingleFlight<Map<string, Answer>>();

type LeanEvent = { id: string; iCalUId?: string | null; start: { dateTime: string; timeZone?: string }; end: { dateTime: string; timeZone?: string }; showAs?: string; isCancelled?: boolean };

/** A calendar's events in the window, only as far as they decide free or busy (cancelled ones left out). */
export function readBusyIntervals(source: CalendarSource, calendarId: string, start: DateTime, end: DateTime, { fresh = false } = {}): Promise<Interval[]> {
  const window = { startDateTime: start.toUTC().toISO() ?? "", endDateTime: end.toUTC().toISO() ?? "" };
  const read = () =>
    graphFor(source, (client) => readLean(client, `${source.path}/calendars/${encodeURIComponent(calendarId)}/calendarView`, window), {
      permission: source.readPermission,
      subject: `the calendar of ${source.label}`,
    });
  if (fresh) return read();
  return sharedReads.run(`${identityKey(source)}|${source.path}|${calendarId}|${window.startDateTime}|${window.endDateTime}`, read);
}

async function readLean(client: Client, path: string, window: { startDateTime: string; endDateTime: string }): Promise<Interval[]> {
  const intervals: Interval[] = [];
  // UTC, so the times are parsed without time-zone arithmetic (time.ts graphDateTimeMs).
  const prefer = 'outlook.timezone="UTC"';
  let page = (await client.api(path).query(window).header("Prefer", prefer).select(["id", "iCalUId", "start", "end", "showAs", "isCancelled"]).top(PAGE_SIZE).get()) as {
    value: LeanEvent[];
    "@odata.nextLink"?: string;
  };
  for (let pages = 1; ; pages++) {
    for (const event of page.value) {
      if (event.isCancelled) continue;
      intervals.push({ start: graphDateTimeMs(event.start), end: graphDateTimeMs(event.end), status: event.showAs ?? "unknown", eventId: event.id, ...(event.iCalUId ? { iCalUId: event.iCalUId } : {}) });
    }
    if (intervals.length > MAX_AVAILABILITY_EVENTS || (page["@odata.nextLink"] && pages >= MAX_PAGES)) {
      throw new HubError("too_many_events", { limit: MAX_AVAILABILITY_EVENTS });
    }
    if (!page["@odata.nextLink"]) return intervals;
    page = await client.api(page["@odata.nextLink"]).header("Prefer", prefer).get();
  }
}

type ScheduleItem = { status?: string; start: { dateTime: string; timeZone?: string }; end: { dateTime: string; timeZone?: string } };
type ScheduleInformation = {
  scheduleId: string;
  availabilityView?: string;
  scheduleItems?: ScheduleItem[];
  error?: { message?: string; responseCode?: string } | null;
};

type ScheduleWindow = { start: DateTime; end: DateTime; slotMinutes: number; fresh?: boolean };

function askSchedules(callerPromise: Promise<CalendarSource>, addresses: string[], request: ScheduleWindow): Promise<Map<string, Answer>> {
  const interval = Math.min(1440, Math.max(5, request.slotMinutes));
  const key = `${[...addresses].sort().join(",")}|${request.start.toMillis()}|${request.end.toMillis()}|${interval}`;
  return callerPromise.then(
    (caller) =>
      request.fresh ? readSchedules(caller, addresses, request, interval) : sharedSchedules.run(`${identityKey(caller)}|${key}`, () => readSchedules(caller, addresses, request, interval)),
    (error: unknown) => failedFor(addresses, asHubError(error)),
  );
}

async function readSchedules(caller: CalendarSource, addresses: string[], request: ScheduleWindow, interval: number): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  try {
    const response = (await graphFor(
      caller,
      (client) =>
        client
          .api(`${caller.path}/calendar/getSchedule`)
          .header("Prefer", 'outlook.timezone="UTC"')
          .post({
            schedules: addresses,
            startTime: toGraphDateTime(request.start, "UTC"),
            endTime: toGraphDateTime(request.end, "UTC"),
            availabilityViewInterval: interval,
          }),
      { permission: caller.readPermission, subject: "free/busy information" },
    )) as { value?: ScheduleInformation[] };
    for (const information of response.value ?? []) {
      const address = information.scheduleId.toLowerCase();
      if (information.error) {
        const detail = information.error.message ?? information.error.responseCode ?? "Microsoft gave no free/busy information";
        answers.set(address, { error: new HubError("schedule_error", { address, detail }) });
      } else {
        // One mailbox's unreadable answer (an unknown time zone) makes that mailbox unknown, not the whole group.
        try {
          answers.set(address, { intervals: scheduleIntervals(information, request.start.toMillis(), interval) });
        } catch (error) {
          answers.set(address, { error: asHubError(error) });
        }
      }
    }
    return answers;
  } catch (error) {
    const failure = asHubError(error);
    log.warn("office365.get_schedule_failed", { errorCode: failure.code, schedules: addresses.length });
    return failedFor(addresses, failure);
  }
}

const failedFor = (addresses: string[], failure: HubError) => new Map<string, Answer>(addresses.map((address) => [address, { error: failure }]));

/** Prefer the exact items; without them (free/busy-only access), read the digits of availabilityView. */
export function scheduleIntervals(information: ScheduleInformation, startMs: number, intervalMinutes: number): Interval[] {
  if (information.scheduleItems) {
    return information.scheduleItems.map((item) => ({ start: graphDateTimeMs(item.start), end: graphDateTimeMs(item.end), status: item.status ?? "unknown" }));
  }
  const digits: Record<string, ShowAs> = { "0": "free", "1": "tentative", "2": "busy", "3": "oof", "4": "workingElsewhere" };
  const step = intervalMinutes * 60_000;
  return [...(information.availabilityView ?? "")].map((digit, i) => ({ start: startMs + i * step, end: startMs + (i + 1) * step, status: digits[digit] ?? "unknown" }));
}

// Slot statuses while counting (free is 0, a Uint8Array's starting value).
const BUSY = 1;
const UNKNOWN = 2;
const STATUS_NAMES: SlotStatus[] = ["free", "busy", "unknown"];

/** Answers per distinct calendar → the availability answer: slots per calendar and combined, and the busy times. */
export function availabilityFrom(
  request: Pick<AvailabilityRequest, "start" | "end" | "timeZone" | "slotMinutes" | "ignoreEventId">,
  entries: { calendar: Pick<DistinctCalendar, "ref" | "requested"> & { source: Pick<CalendarSource, "label"> }; answer: Answer }[],
): Availability {
  const startMs = request.start.toMillis();
  const endMs = request.end.toMillis();
  const step = request.slotMinutes * 60_000;
  const count = Math.max(0, Math.ceil((endMs - startMs) / step));
  const combined = new Uint8Array(count);
  const ignored = (interval: Interval) => request.ignoreEventId !== undefined && interval.eventId === request.ignoreEventId;

  const calendars = entries.map(({ calendar, answer }): CalendarAvailability => {
    const base = {
      accountId: calendar.ref.accountId,
      mailbox: calendar.ref.mailbox ?? null,
      calendarId: calendar.ref.calendarId ?? null,
      label: calendar.source.label,
      requested: calendar.requested,
    };
    if ("error" in answer) {
      for (let i = 0; i < count; i++) if (combined[i] !== BUSY) combined[i] = UNKNOWN;
      return { ...base, status: "unknown", error: answer.error.toJSON(), busy: [], slots: new Array<SlotStatus>(count).fill("unknown") };
    }
    const blocking = answer.intervals
      .filter((interval) => !NOT_BLOCKING.has(interval.status) && interval.end > startMs && interval.start < endMs && !ignored(interval))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const slots = new Array<SlotStatus>(count);
    // One pass: the latest end among intervals starting before the slot's end; the slot is busy if it is after its start.
    let next = 0;
    let latestEnd = -Infinity;
    for (let i = 0; i < count; i++) {
      const slotStart = startMs + i * step;
      const slotEnd = Math.min(slotStart + step, endMs);
      while (next < blocking.length && blocking[next]!.start < slotEnd) latestEnd = Math.max(latestEnd, blocking[next++]!.end);
      const busy = latestEnd > slotStart;
      slots[i] = busy ? "busy" : "free";
      if (busy) combined[i] = BUSY;
    }
    return {
      ...base,
      status: "ok",
      busy: blocking.map((interval) => ({ start: isoAt(interval.start, request.timeZone), end: isoAt(interval.end, request.timeZone), status: asShowAs(interval.status) })),
      slots,
    };
  });

  return {
    timeZone: request.timeZone,
    slotMinutes: request.slotMinutes,
    slots: Array.from({ length: count }, (_, i) => {
      const slotStart = startMs + i * step;
      return { start: isoAt(slotStart, request.timeZone), end: isoAt(Math.min(slotStart + step, endMs), request.timeZone), status: STATUS_NAMES[combined[i]!]! };
    }),
    calendars,
  };
}

const SHOW_AS: ReadonlySet<string> = new Set(["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"]);
const asShowAs = (status: string): ShowAs => (SHOW_AS.has(status) ? (status as ShowAs) : "unknown");

function missing(): Answer {
  return { error: new HubError("no_answer") };
}

function asHubError(error: unknown): HubError {
  return error instanceof HubError ? error : graphError(error);
}
