import type { CalendarStore } from "../calendars/store";
import { header } from "../http";
import { window } from "./calendar-view";
import type { DeltaItem, DeltaRound, DeltaWindow, SyncState } from "./delta-tokens";
import { eventJson } from "./event-json";
import { requireCalendar, resolveMailbox } from "./mailbox";
import { outputZone, queryValue } from "./query-options";
import { graphError, graphJson } from "./responses";
import type { GraphCall, GraphRoute } from "./route";

/**
 * GET …/calendarView/delta (https://learn.microsoft.com/graph/api/event-delta,
 * https://learn.microsoft.com/graph/delta-query-events): a round of calls that first lists the window's events (as
 * calendarView does: series expanded, exceptions, single events) page by page through @odata.nextLink, and ends
 * with an @odata.deltaLink. Following that link later starts the next round, which lists only what changed since:
 * created or updated events in full, and `@removed` (reason "deleted") for events deleted, cancelled or moved out of
 * the window — and, as Learn warns, for events outside the window that were added, updated or deleted. The same
 * event may come twice. The window and the rest live in the token (graph/delta-tokens.ts): follow-up requests
 * carry only $skiptoken or $deltatoken.
 * - Page size: `Prefer: odata.maxpagesize=N` (Learn gives no default; the emulator uses calendarView's 10), at most
 *   1000 and the control API's maxPageSize.
 * - $select, $expand, $filter, $orderby and $search are not supported (Learn: "You cannot use $select").
 * - A token whose sync state is gone answers 410 Gone, SyncStateNotFound: the client starts a full sync again.
 */

const MAILBOX = "(me|users/[^/]+)";
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;
const UNSUPPORTED_OPTIONS = ["$select", "$expand", "$filter", "$orderby", "$search"];
const SYNC_STATE_NOT_FOUND = "The sync state is not found or has expired. Start a new synchronization without a state token.";

function pageSize(call: GraphCall): { size: number; applied: string | undefined } {
  const prefer = header(call.req.headers, "prefer") ?? "";
  const asked = Number(/odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer)?.[1] ?? 0);
  const size = Math.min(asked > 0 ? asked : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, call.ctx.state.config.maxPageSize);
  return { size, applied: asked > 0 ? `odata.maxpagesize=${size}` : undefined };
}

/** What the round reports: everything in the window (first round), or what differs from `previous`. */
function startRound(store: CalendarStore, window: DeltaWindow, previous: SyncState | undefined): DeltaRound {
  const sequence = store.journal.sequence;
  const current = store.instances(window.calendarId, window.from, window.to);
  const next: SyncState = { ...window, sequence, reported: new Map(current.map((event) => [event.id, event.changeKey])) };
  if (!previous) return { items: current.map((event) => ({ kind: "event", event })), next };

  const items: DeltaItem[] = current
    .filter((event) => previous.reported.get(event.id) !== event.changeKey)
    .map((event) => ({ kind: "event", event }));
  const removed = new Set([...previous.reported.keys()].filter((id) => !next.reported.has(id)));
  // Learn: events outside the range that were added, updated or deleted come as @removed too.
  for (const change of store.journal.since(window.calendarId, previous.sequence)) {
    if (change.eventType !== "seriesMaster" && !next.reported.has(change.eventId)) removed.add(change.eventId);
  }
  for (const id of removed) items.push({ kind: "removed", id });
  return { items, next };
}

function unsupportedOption(call: GraphCall): string | undefined {
  return [...call.req.query.keys()].find((key) => UNSUPPORTED_OPTIONS.includes(key.toLowerCase()));
}

function delta(call: GraphCall): void {
  const mailbox = resolveMailbox(call, call.params[0] ?? "");
  if (!mailbox) return;
  const calendar = requireCalendar(call, mailbox, call.params[1] || undefined, "read");
  if (!calendar) return;
  const unsupported = unsupportedOption(call);
  if (unsupported) {
    return graphError(call.res, call.ids, 400, "ErrorInvalidUrlQuery", `The query parameter '${unsupported}' is not supported with change tracking over the 'CalendarView' resource.`);
  }
  const output = outputZone(call);
  if (!output) return;

  const { calendars, deltaTokens } = call.ctx.state;
  const skipToken = queryValue(call, "$skiptoken");
  const deltaToken = queryValue(call, "$deltatoken");
  let round: DeltaRound;
  let offset = 0;
  if (skipToken !== undefined || deltaToken !== undefined) {
    const target = skipToken !== undefined ? deltaTokens.resolve(skipToken, "page") : deltaTokens.resolve(deltaToken ?? "", "delta");
    const tracked = target && (target.kind === "page" ? target.round.next : target.state);
    // A token of another calendar's view has no state here either.
    if (!target || !tracked || tracked.calendarId !== calendar.id) return graphError(call.res, call.ids, 410, "SyncStateNotFound", SYNC_STATE_NOT_FOUND);
    if (target.kind === "page") {
      round = target.round;
      offset = target.offset;
    } else {
      round = startRound(calendars, target.state, target.state);
    }
  } else {
    const range = window(call);
    if (!range) return;
    round = startRound(calendars, { mailboxId: mailbox.user.id, calendarId: calendar.id, ...range }, undefined);
  }

  const { size, applied } = pageSize(call);
  const page = round.items.slice(offset, offset + size);
  const base = `${call.ctx.graphUrl}${call.req.path}`;
  const link =
    offset + size < round.items.length
      ? { "@odata.nextLink": `${base}?$skiptoken=${deltaTokens.pageToken(round, offset + size)}` }
      : { "@odata.deltaLink": `${base}?$deltatoken=${deltaTokens.deltaToken(round.next)}` };
  const preferenceApplied = [applied, output.headers["preference-applied"]].filter(Boolean).join(", ");
  graphJson(
    call.res,
    call.ids,
    200,
    {
      "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#Collection(event)`,
      ...link,
      value: page.map((item) =>
        item.kind === "event"
          ? eventJson(item.event, output.zone, mailbox.user)
          : { "@odata.type": "#microsoft.graph.event", id: item.id, "@removed": { reason: "deleted" } },
      ),
    },
    preferenceApplied ? { "preference-applied": preferenceApplied } : {},
  );
}

export const calendarViewDeltaRoutes: GraphRoute[] = [
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/(?:calendar/)?calendarView/delta(?:\\(\\))?/?$`, "i"), handle: delta },
  { method: "GET", pattern: new RegExp(`^/${MAILBOX}/calendars/([^/]+)/calendarView/delta(?:\\(\\))?/?$`, "i"), handle: delta },
];
