import "server-only";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { DateTime } from "luxon";
import { HubError } from "../../../errors";
import { fromGraphDateTime, isoIn } from "../../../time";
import { graphFor, resolveSource, type CalendarSource, type SourceRef } from "./sources";

/**
 * Every event in a range, as calendarView expands them (recurring series as occurrences). Graph's default page is 10
 * events; the original product read at most 50 and showed busy days as bookable. Here pages are large and followed
 * through @odata.nextLink to the end.
 * https://learn.microsoft.com/graph/api/calendar-list-calendarview
 */
export const PAGE_SIZE = 500;
/** At most this many events are read for one range: the work stays proportional to an answer people can use. */
export const MAX_EVENTS = 5_000;
const MAX_PAGES = 100;

export type ShowAs = "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";

export type CalendarEvent = {
  id: string;
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: ShowAs;
  type: string;
  seriesMasterId: string | null;
  location: string | null;
  organizer: string | null;
  webLink: string | null;
  transactionId: string | null;
};

type GraphEvent = {
  id: string;
  subject?: string | null;
  start: { dateTime: string; timeZone?: string };
  end: { dateTime: string; timeZone?: string };
  isAllDay?: boolean;
  isCancelled?: boolean;
  showAs?: string;
  type?: string;
  seriesMasterId?: string | null;
  location?: { displayName?: string | null } | null;
  organizer?: { emailAddress?: { address?: string | null } | null } | null;
  webLink?: string | null;
  transactionId?: string | null;
};

const SELECT = ["id", "subject", "start", "end", "isAllDay", "isCancelled", "showAs", "type", "seriesMasterId", "location", "organizer", "webLink", "transactionId"];
const SHOW_AS: ShowAs[] = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"];

/** An event as the hub returns it, with its instants kept alongside for calculations. */
export type TimedEvent = { event: CalendarEvent; startInstant: DateTime; endInstant: DateTime };

export function normaliseEvent(event: GraphEvent, timeZone: string): TimedEvent {
  const startInstant = fromGraphDateTime(event.start);
  const endInstant = fromGraphDateTime(event.end);
  const normalised: CalendarEvent = {
    id: event.id,
    subject: event.subject ?? "",
    start: isoIn(startInstant, timeZone),
    end: isoIn(endInstant, timeZone),
    timeZone,
    isAllDay: event.isAllDay ?? false,
    isCancelled: event.isCancelled ?? false,
    showAs: SHOW_AS.includes(event.showAs as ShowAs) ? (event.showAs as ShowAs) : "unknown",
    type: event.type ?? "singleInstance",
    seriesMasterId: event.seriesMasterId ?? null,
    location: event.location?.displayName || null,
    organizer: event.organizer?.emailAddress?.address ?? null,
    webLink: event.webLink ?? null,
    transactionId: event.transactionId ?? null,
  };
  return { event: normalised, startInstant, endInstant };
}

/** All pages of calendarView for one calendar (null: the mailbox's default calendar), with Graph client already bound to the source. */
export async function readCalendarView(client: Client, source: CalendarSource, calendarId: string | null, start: DateTime, end: DateTime, timeZone: string) {
  const events: GraphEvent[] = [];
  const calendar = calendarId === null ? "/calendar" : `/calendars/${encodeURIComponent(calendarId)}`;
  let page = (await client
    .api(`${source.path}${calendar}/calendarView`)
    .query({ startDateTime: start.toUTC().toISO() ?? "", endDateTime: end.toUTC().toISO() ?? "" })
    .header("Prefer", `outlook.timezone="${timeZone}"`)
    .select(SELECT)
    .top(PAGE_SIZE)
    .get()) as { value: GraphEvent[]; "@odata.nextLink"?: string };
  events.push(...page.value);
  for (let pages = 1; page["@odata.nextLink"]; pages++) {
    if (pages >= MAX_PAGES || events.length > MAX_EVENTS) throw new HubError("too_many_events", { limit: MAX_EVENTS });
    page = await client.api(page["@odata.nextLink"]).header("Prefer", `outlook.timezone="${timeZone}"`).get();
    events.push(...page.value);
  }
  if (events.length > MAX_EVENTS) throw new HubError("too_many_events", { limit: MAX_EVENTS });
  return events
    .map((event) => normaliseEvent(event, timeZone))
    .sort((a, b) => a.startInstant.toMillis() - b.startInstant.toMillis() || a.endInstant.toMillis() - b.endInstant.toMillis());
}

export async function listEvents(input: SourceRef & { calendarId: string; start: DateTime; end: DateTime; timeZone: string }): Promise<CalendarEvent[]> {
  const source = await resolveSource(input);
  const events = await graphFor(source, (client) => readCalendarView(client, source, input.calendarId, input.start, input.end, input.timeZone), {
    permission: source.readPermission,
    subject: `the calendar of ${source.label}`,
  });
  return events.map(({ event }) => event);
}
