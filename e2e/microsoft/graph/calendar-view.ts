import type { StoredEvent } from "../calendars/model";
import { parseInstant } from "../calendars/time-zones";
import { EVENT_PROPERTIES, eventJson } from "./event-json";
import { requireCalendar, requireEvent, resolveMailbox, type Mailbox } from "./mailbox";
import { integerOption, nextLink, outputZone, pick, queryValue, readSelect } from "./query-options";
import { graphError, graphJson } from "./responses";
import type { GraphCall, GraphRoute } from "./route";

/**
 * GET …/calendarView (https://learn.microsoft.com/graph/api/user-list-calendarview): events overlapping
 * [startDateTime, endDateTime), series expanded into occurrences, ordered by start. Pages hold 10 events unless
 * $top asks for more (Outlook caps $top at 1000 without an error); @odata.nextLink is an absolute URL that repeats
 * the query with $skip. The control API's maxPageSize lowers the cap so tests can force paging.
 */

const MAILBOX = "(me|users/[^/]+)";
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;

const TIME_WINDOW_REQUIRED =
  "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.";

export function window(call: GraphCall): { from: Date; to: Date } | null {
  const start = queryValue(call, "startDateTime");
  const end = queryValue(call, "endDateTime");
  if (!start || !end) {
    graphError(call.res, call.ids, 400, "ErrorInvalidParameter", TIME_WINDOW_REQUIRED);
    return null;
  }
  const from = parseInstant(start);
  const to = parseInstant(end);
  if (!from || !to) {
    const [name, value] = from ? ["EndDateTime", end] : ["StartDateTime", start];
    graphError(call.res, call.ids, 400, "ErrorInvalidParameter", `The value '${value}' of parameter '${name}' is invalid.`);
    return null;
  }
  return { from, to };
}

/** One page of events with Graph's paging: $top (default 10, at most 1000 or the configured maxPageSize) and $skip. */
export function sendEventPage(call: GraphCall, mailbox: Mailbox, path: string, events: StoredEvent[]): void {
  const output = outputZone(call);
  if (!output) return;
  const select = readSelect(call, EVENT_PROPERTIES, "microsoft.graph.event");
  if (!select) return;
  const top = integerOption(call, "$top", 1);
  const skip = integerOption(call, "$skip", 0);
  if (top === null || skip === null) return;

  const pageSize = Math.min(top ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, call.ctx.state.config.maxPageSize);
  const offset = skip ?? 0;
  const page = events.slice(offset, offset + pageSize);
  const more = offset + pageSize < events.length;
  graphJson(
    call.res,
    call.ids,
    200,
    {
      "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#${mailbox.contextName}/${path}`,
      ...(more ? { "@odata.nextLink": nextLink(call, offset + pageSize) } : {}),
      value: page.map((event) => pick(eventJson(event, output.zone, mailbox.user), select.names, ["@odata.etag", "id"])),
    },
    output.headers,
  );
}

function calendarView(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  if (!mailbox) return;
  const calendar = requireCalendar(call, mailbox, call.params[1] || undefined, "read");
  if (!calendar) return;
  const range = window(call);
  if (!range) return;
  const path = call.params[1] ? `calendars('${calendar.id}')/calendarView` : "calendarView";
  sendEventPage(call, mailbox, path, call.ctx.state.calendars.instances(calendar.id, range.from, range.to));
}

/**
 * GET …/events/{id}/instances (https://learn.microsoft.com/graph/api/event-list-instances): a series' occurrences and
 * exceptions in [startDateTime, endDateTime), ordered by start, paged like calendarView; deleted occurrences are gone.
 * Anything but a series master has none.
 */
function instances(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  const master = mailbox && requireEvent(call, mailbox, call.params[1] ?? "", "read");
  if (!mailbox || !master) return;
  const range = window(call);
  if (!range) return;
  const occurrences = master.type === "seriesMaster" ? call.ctx.state.calendars.instances(master.calendarId, range.from, range.to).filter((event) => event.seriesMasterId === master.id) : [];
  sendEventPage(call, mailbox, `events('${master.id}')/instances`, occurrences);
}

export const calendarViewRoutes: GraphRoute[] = [
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}(?:/calendar|/calendars/[^/]+)?/events/([^/]+)/instances/?$`, "i"), handle: instances },
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/(?:calendar/)?calendarView/?$`, "i"), handle: calendarView },
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/calendars/([^/]+)/calendarView/?$`, "i"), handle: calendarView },
];
