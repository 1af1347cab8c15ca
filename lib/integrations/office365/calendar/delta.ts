import "server-only";
import type { DateTime } from "luxon";
import { z } from "zod";
import { HubError } from "../../../errors";
import { graphDateTimeMs } from "../../../time";
import { microsoftApp } from "../microsoft-app";
import { graphFor, type CalendarSource } from "./sources";

/**
 * A calendar's events over a window, and then only what changed, with calendarView delta
 * (https://learn.microsoft.com/graph/api/event-delta): the first round reads every event overlapping the window,
 * following @odata.nextLink page by page to the @odata.deltaLink; the next round GETs that deltaLink and gets the
 * events created or changed since, and `@removed` entries for those deleted or moved out of the window (the window
 * is inside the token). The same item may come twice: the last one counts. No $select is allowed on delta, so only
 * what decides free or busy is kept. Microsoft lets a round's state go when it likes: 410 Gone (SyncStateNotFound)
 * becomes `sync_state_expired`, and the caller reads the whole window again.
 *
 * Bounded: at most `maxEvents` events a round (the caller's limit: the mirror's size per resource), pages of
 * PAGE_SIZE, and a nextLink or deltaLink is only followed to the Graph host the hub is configured with.
 */
export const DELTA_PAGE_SIZE = 200;

export type MirroredEvent = { eventId: string; iCalUId: string | null; start: number; end: number; showAs: string };
export type DeltaChange = { removed: true; eventId: string } | { removed: false; event: MirroredEvent };
export type DeltaRound = { changes: DeltaChange[]; deltaLink: string };

const graphTime = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });
const deltaItem = z.union([
  z.object({ id: z.string().min(1), "@removed": z.object({ reason: z.string().optional() }).passthrough() }),
  z
    .object({
      id: z.string().min(1),
      iCalUId: z.string().nullish(),
      start: graphTime,
      end: graphTime,
      showAs: z.string().nullish(),
      isCancelled: z.boolean().nullish(),
    })
    .passthrough(),
]);
const deltaPage = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().url().optional(),
  "@odata.deltaLink": z.string().url().optional(),
});

// UTC, so the times are parsed without time-zone arithmetic; the page size Microsoft should use.
const PREFER = `outlook.timezone="UTC", odata.maxpagesize=${DELTA_PAGE_SIZE}`;

/**
 * One delta round of a calendar: from the start of a window (a full read), or from the deltaLink of the last round.
 * Throws HubError: sync_state_expired (read the window again), mirror_too_big, or Microsoft's failure in words.
 */
export async function readCalendarDelta(
  source: CalendarSource,
  calendarId: string,
  from: { deltaLink: string } | { start: DateTime; end: DateTime },
  { maxEvents }: { maxEvents: number },
): Promise<DeltaRound> {
  const { graphUrl } = await microsoftApp();
  const graphOrigin = new URL(graphUrl).origin;
  // Only Microsoft's own links are followed: a stored or answered link elsewhere would carry the token there.
  const follow = (link: string) => {
    if (new URL(link).origin !== graphOrigin) throw new HubError("sync_state_expired");
    return link;
  };
  return graphFor(
    source,
    async (client) => {
      const request =
        "deltaLink" in from
          ? client.api(follow(from.deltaLink))
          : client
              .api(`${source.path}/calendars/${encodeURIComponent(calendarId)}/calendarView/delta`)
              .query({ startDateTime: from.start.toUTC().toISO() ?? "", endDateTime: from.end.toUTC().toISO() ?? "" });
      const changes: DeltaChange[] = [];
      let page = readGraphAnswer(deltaPage, await request.header("Prefer", PREFER).get(), CHANGES);
      const maxPages = Math.ceil(maxEvents / DELTA_PAGE_SIZE) + 2;
      for (let pages = 1; ; pages++) {
        for (const raw of page.value) changes.push(asChange(readGraphAnswer(deltaItem, raw, CHANGES)));
        if (changes.length > maxEvents || pages > maxPages) throw new HubError("mirror_too_big", { limit: maxEvents });
        if (page["@odata.deltaLink"]) return { changes, deltaLink: page["@odata.deltaLink"] };
        if (!page["@odata.nextLink"]) throw new HubError("graph_refused", { detail: "a delta page had neither a nextLink nor a deltaLink" });
        page = readGraphAnswer(deltaPage, await client.api(follow(page["@odata.nextLink"])).header("Prefer", PREFER).get(), CHANGES);
      }
    },
    { permission: source.readPermission, subject: `the calendar of ${source.label}` },
  );
}

const CHANGES = "Microsoft's list of changes";

/** Microsoft's answer in the shape the hub reads, or a refusal in words (never a guess at what it meant). */
export function readGraphAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HubError("graph_refused", { detail: `${what} could not be read` });
  return parsed.data;
}

function asChange(item: z.infer<typeof deltaItem>): DeltaChange {
  // A cancelled meeting stays in the attendee's calendar until removed, but takes no time.
  if ("@removed" in item || item.isCancelled) return { removed: true, eventId: item.id };
  return {
    removed: false,
    event: { eventId: item.id, iCalUId: item.iCalUId ?? null, start: graphDateTimeMs(item.start), end: graphDateTimeMs(item.end), showAs: item.showAs ?? "unknown" },
  };
}

/**
 * What a round leaves: the last change of each event wins (the same item may come twice); removed ids to delete, and
 * the events to write.
 */
export function netChanges(changes: DeltaChange[]): { removed: string[]; events: MirroredEvent[] } {
  const last = new Map<string, DeltaChange>();
  for (const change of changes) {
    const id = change.removed ? change.eventId : change.event.eventId;
    last.delete(id);
    last.set(id, change);
  }
  const removed: string[] = [];
  const events: MirroredEvent[] = [];
  for (const [id, change] of last) {
    if (change.removed) removed.push(id);
    else events.push(change.event);
  }
  return { removed, events };
}
