import "server-only";
import { DateTime } from "luxon";
import { db } from "../../../db";
import { parseStoredJson, storedStrings } from "../../../db/json";
import { isoIn } from "../../../time";
import { frequencyWords } from "../../../resources/repeat";
import { ACTIVE, type BookingStatus, type RoomResponse } from "./booking-status";
import { refreshRoomResponses } from "./room-responses";
import { mayChange, type BookingActor } from "./bookings";

export type BookingView = {
  id: string;
  status: BookingStatus;
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  /** The resource it was booked as (null once the resource is removed, or for a booking made on a calendar). */
  resourceId: string | null;
  resource: string | null;
  /** The resource's name, or the mailbox whose calendar holds it. */
  calendar: string;
  attendees: string[];
  location: string | null;
  webLink: string | null;
  /** Why a booking is pending, or what went wrong with its last change. */
  errorMessage: string | null;
  createdByEmail: string;
  /** Made by the hub user asking. */
  mine: boolean;
  /** Whether the hub user asking may change or cancel it (their own, or any for an administrator). */
  canChange: boolean;
  /** A date of a repeating booking: its series, and how it repeats ("Every week on Tuesday, 10 dates"). */
  seriesId: string | null;
  repeat: string | null;
  /** A Teams meeting was asked for; its join link once Microsoft made one. */
  teams: boolean;
  joinUrl: string | null;
  /** Booked as an invitation: the room's answer ("none" until it answers); null when written directly. */
  roomResponse: RoomResponse | null;
};

/**
 * Bookings made through the hub that have not ended yet, soonest first: the viewer's own (`mine`), or for an
 * administrator anyone's, optionally of one resource. At most 200.
 */
export async function listUpcomingBookings(
  timeZone: string,
  viewer: BookingActor,
  {
    mine = false,
    resourceId,
    roomAnswers,
  }: {
    mine?: boolean;
    resourceId?: string;
    /** Read rooms' answers to invitations again; `beforeReading` runs only when Microsoft is to be asked. */
    roomAnswers?: { beforeReading: () => Promise<void> };
  } = {},
): Promise<BookingView[]> {
  const read = () =>
    db.booking.findMany({
      where: {
        status: { in: ACTIVE },
        end: { gt: new Date() },
        ...(mine || viewer.role !== "admin" ? { createdById: viewer.id } : {}),
        ...(resourceId ? { resourceId } : {}),
      },
      orderBy: { start: "asc" },
      take: 200,
      include: { resource: { select: { name: true } }, series: { select: { frequency: true, firstStart: true } } },
    });
  let rows = await read();
  // Rooms answer invitations in their own time: the answers not read lately are read now (bounded), then shown.
  if (roomAnswers && (await refreshRoomResponses(rows, roomAnswers)) > 0) rows = await read();
  const seriesIds = [...new Set(rows.flatMap((row) => (row.seriesId ? [row.seriesId] : [])))];
  const [accounts, mailboxes, seriesSizes] = await Promise.all([
    db.connectedAccount.findMany({ where: { id: { in: rows.flatMap((row) => (row.accountId ? [row.accountId] : [])) } } }),
    db.applicationMailbox.findMany({ where: { id: { in: rows.flatMap((row) => (row.mailboxId ? [row.mailboxId] : [])) } } }),
    seriesIds.length ? db.booking.groupBy({ by: ["seriesId"], where: { seriesId: { in: seriesIds }, status: { in: ACTIVE } }, _count: { _all: true } }) : [],
  ]);
  const sizes = new Map(seriesSizes.map((group) => [group.seriesId, group._count._all]));
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    subject: row.subject,
    start: isoIn(DateTime.fromJSDate(row.start), timeZone),
    end: isoIn(DateTime.fromJSDate(row.end), timeZone),
    timeZone,
    resourceId: row.resourceId,
    resource: row.resource?.name ?? null,
    calendar:
      row.resource?.name ??
      row.mailbox ??
      accounts.find((account) => account.id === row.accountId)?.email ??
      mailboxes.find((mailbox) => mailbox.id === row.mailboxId)?.address ??
      "a calendar that is no longer connected",
    attendees: parseStoredJson(storedStrings, row.attendees, "attendees of a booking"),
    location: row.location,
    webLink: row.webLink,
    errorMessage: row.errorMessage,
    createdByEmail: row.createdByEmail,
    mine: row.createdById === viewer.id,
    canChange: mayChange(viewer, row),
    seriesId: row.seriesId,
    repeat: row.series
      ? `${frequencyWords(row.series.frequency, DateTime.fromJSDate(row.series.firstStart).setZone(timeZone))}, ${sizes.get(row.seriesId) ?? 1} dates`
      : null,
    teams: row.teams,
    joinUrl: row.joinUrl,
    roomResponse: row.invitedRoom ? (row.roomResponse ?? "none") : null,
  }));
}
