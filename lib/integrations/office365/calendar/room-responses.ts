import "server-only";
import { db } from "../../../db";
import { HubError } from "../../../errors";
import { log } from "../../../log";
import { eventPath, sourceOf, type BookingRow } from "./booking-writes";
import { ROOM_RESPONSES, type RoomResponse } from "./booking-status";
import { graphFor } from "./sources";

/**
 * The room's answer to an invitation: the room attendee's `status.response` on the organiser's event, which Exchange
 * sets when the room's booking assistant has decided (asynchronously: a create's answer always says "none"). Read
 * back after a booking is made and whenever My bookings is shown, bounded: at most `maxRequests` Graph requests, one
 * per single booking or per series (its dates' answers in one `instances` read), answers still awaited first, and an
 * answer read again only once it is `staleMs` old.
 * https://learn.microsoft.com/graph/api/resources/attendee (status), "Setting the location" in user-post-events
 */
type Attendee = { emailAddress?: { address?: string | null } | null; status?: { response?: string | null } | null };
type AttendedEvent = { id: string; attendees?: Attendee[] | null };

/** Answers that can still change soon are read again after this long; settled ones after `settledMs`. */
const AWAITED_MS = 15_000;
const SETTLED_MS = 15 * 60_000;

const roomAnswer = (event: AttendedEvent, room: string): RoomResponse => {
  const attendee = event.attendees?.find((candidate) => candidate.emailAddress?.address?.toLowerCase() === room.toLowerCase());
  const response = attendee?.status?.response as RoomResponse | undefined;
  return response && ROOM_RESPONSES.includes(response) ? response : "none";
};

const due = (booking: Pick<BookingRow, "roomResponse" | "roomResponseAt">, now: number) => {
  const age = now - (booking.roomResponseAt?.getTime() ?? 0);
  const settled = booking.roomResponse === "accepted" || booking.roomResponse === "declined";
  return age >= (settled ? SETTLED_MS : AWAITED_MS);
};

/**
 * Reads the room's answer for those of `bookings` that are confirmed invitations and due, and stores it. Returns how
 * many answers changed. A failed read leaves the last answer as it was (said again on the next view).
 */
export async function refreshRoomResponses(
  bookings: BookingRow[],
  {
    maxRequests = 10,
    force = false,
    beforeReading,
  }: {
    maxRequests?: number;
    force?: boolean;
    /** Called once before the first request to Microsoft, only when there is one to make (a budget to draw on). */
    beforeReading?: () => Promise<void>;
  } = {},
): Promise<number> {
  const now = Date.now();
  const invitations = bookings.filter((booking) => booking.invitedRoom && booking.eventId && booking.status === "confirmed" && (force || due(booking, now)));
  // One request per single booking, or per series for all its dates; awaited answers and the soonest first.
  const groups = new Map<string, BookingRow[]>();
  for (const booking of invitations.sort((a, b) => Number(b.roomResponse !== "accepted") - Number(a.roomResponse !== "accepted") || a.start.getTime() - b.start.getTime())) {
    const key = booking.seriesId ?? booking.id;
    groups.set(key, [...(groups.get(key) ?? []), booking]);
  }
  let changed = 0;
  if (groups.size === 0) return 0;
  try {
    await beforeReading?.();
  } catch (error) {
    // The caller's budget is spent: the answers stored are shown, and read again on a later view.
    log.info("booking.room_answers_deferred", { error: error instanceof HubError ? error.code : String(error) });
    return 0;
  }
  await Promise.all(
    [...groups.values()].slice(0, maxRequests).map(async (group) => {
      try {
        const answers = await readAnswers(group);
        const readAt = new Date();
        // A new answer is written per booking (rare); the time the others were read, in one write for the group.
        const unchanged: string[] = [];
        for (const booking of group) {
          const answer = answers.get(booking.eventId!);
          if (answer === undefined) continue;
          if (answer === booking.roomResponse) {
            unchanged.push(booking.id);
            continue;
          }
          changed += 1;
          log.info("booking.room_answered", { bookingId: booking.id, response: answer });
          await db.booking.updateMany({ where: { id: booking.id, status: "confirmed" }, data: { roomResponse: answer, roomResponseAt: readAt } });
        }
        if (unchanged.length > 0) await db.booking.updateMany({ where: { id: { in: unchanged }, status: "confirmed" }, data: { roomResponseAt: readAt } });
      } catch (error) {
        log.warn("booking.room_response_unread", { bookingId: group[0]!.id, error: error instanceof HubError ? error.code : String(error) });
      }
    }),
  );
  return changed;
}

/** The room's answer for each event of the group (by event id). */
async function readAnswers(group: BookingRow[]): Promise<Map<string, RoomResponse>> {
  const first = group[0]!;
  const room = first.invitedRoom!;
  const source = await sourceOf(first);
  const context = { permission: source.readPermission, subject: `the calendar of ${source.label}` };
  if (!first.seriesId) {
    const event = (await graphFor(source, (client) => client.api(eventPath(source, first.eventId!)).select(["id", "attendees"]).get(), context)) as AttendedEvent;
    return new Map([[first.eventId!, roomAnswer(event, room)]]);
  }
  const series = await db.bookingSeries.findUnique({ where: { id: first.seriesId }, select: { masterEventId: true } });
  if (!series?.masterEventId) return new Map();
  const from = new Date(Math.min(...group.map((booking) => booking.start.getTime())) - 3_600_000).toISOString();
  const to = new Date(Math.max(...group.map((booking) => booking.end.getTime())) + 3_600_000).toISOString();
  const page = (await graphFor(
    source,
    (client) => client.api(`${eventPath(source, series.masterEventId!)}/instances`).query({ startDateTime: from, endDateTime: to }).select(["id", "attendees"]).top(200).get(),
    context,
  )) as { value: AttendedEvent[] };
  return new Map(page.value.map((event) => [event.id, roomAnswer(event, room)]));
}
