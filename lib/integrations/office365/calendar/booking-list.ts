import "server-only";
import { DateTime } from "luxon";
import { db } from "../../../db";
import { isoIn } from "../../../time";
import { ACTIVE, type BookingStatus } from "./booking-status";
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
};

/**
 * Bookings made through the hub that have not ended yet, soonest first: the viewer's own (`mine`), or for an
 * administrator anyone's, optionally of one resource. At most 200.
 */
export async function listUpcomingBookings(
  timeZone: string,
  viewer: BookingActor,
  { mine = false, resourceId }: { mine?: boolean; resourceId?: string } = {},
): Promise<BookingView[]> {
  const rows = await db.booking.findMany({
    where: {
      status: { in: ACTIVE },
      end: { gt: new Date() },
      ...(mine || viewer.role !== "admin" ? { createdById: viewer.id } : {}),
      ...(resourceId ? { resourceId } : {}),
    },
    orderBy: { start: "asc" },
    take: 200,
    include: { resource: { select: { name: true } } },
  });
  const [accounts, mailboxes] = await Promise.all([
    db.connectedAccount.findMany({ where: { id: { in: rows.flatMap((row) => (row.accountId ? [row.accountId] : [])) } } }),
    db.applicationMailbox.findMany({ where: { id: { in: rows.flatMap((row) => (row.mailboxId ? [row.mailboxId] : [])) } } }),
  ]);
  return rows.map((row) => ({
    id: row.id,
    status: row.status as BookingStatus,
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
    attendees: JSON.parse(row.attendees) as string[],
    location: row.location,
    webLink: row.webLink,
    errorMessage: row.errorMessage,
    createdByEmail: row.createdByEmail,
    mine: row.createdById === viewer.id,
    canChange: mayChange(viewer, row),
  }));
}
