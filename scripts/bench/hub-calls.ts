import type { DateTime } from "luxon";
import { z } from "zod";
import { readAction, type ActionRef } from "../lib/server-actions/action-ids";
import type { HubSession } from "./hub-session";
import type { Room } from "./seed";

/**
 * Every way the bench uses the hub, in one place: which server actions it calls, with what input, and what a good
 * answer looks like. When an action's input changes (resources instead of calendars, say), this file changes, not the
 * scenarios. Each call checks that the hub really answered — ok, every calendar known, events present — so the bench
 * never times an error answer: anything else throws and fails the bench.
 */
const ACTIONS_FILE = "app/actions/calendar.ts";

export type CalendarActions = Record<"getAvailability" | "listCalendars" | "createBooking", ActionRef>;

export function readCalendarActions(): CalendarActions {
  return {
    getAvailability: readAction(ACTIONS_FILE, "getAvailability"),
    listCalendars: readAction(ACTIONS_FILE, "listCalendars"),
    createBooking: readAction(ACTIONS_FILE, "createBooking"),
  };
}

export type BenchWeek = { monday: DateTime; timeZone: string };
export const SLOT_MINUTES = 30;

const failure = z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }).loose() });

function okData<T extends z.ZodType>(action: ActionRef, answer: unknown, data: T): z.output<T> {
  const refused = failure.safeParse(answer);
  if (refused.success) throw new Error(`${action.name} refused: ${refused.data.error.code}: ${refused.data.error.message}`);
  const ok = z.object({ ok: z.literal(true), data: z.unknown() }).safeParse(answer);
  const parsed = data.safeParse(ok.success ? ok.data.data : undefined);
  if (!ok.success || !parsed.success) {
    throw new Error(`${action.name} answered something unexpected: ${JSON.stringify(answer)?.slice(0, 500)}`);
  }
  return parsed.data;
}

const availabilitySchema = z.object({
  slots: z.array(z.object({ start: z.string(), status: z.enum(["free", "busy", "unknown"]) })),
  calendars: z.array(z.object({ label: z.string(), status: z.string(), busy: z.array(z.unknown()), error: z.unknown().optional() }).loose()),
});

/**
 * getAvailability for a week of the rooms, 30-minute slots: whole mailboxes (free/busy, as a site's page asks for
 * rooms) or, with `byCalendar`, each room's default calendar by id (as the booking page asks).
 */
export async function roomAvailability(session: HubSession, actions: CalendarActions, rooms: Room[], week: BenchWeek, byCalendar: boolean): Promise<void> {
  const input = {
    calendars: rooms.map((room) => (byCalendar ? { accountId: room.mailboxId, calendarId: room.calendarId } : { accountId: room.mailboxId })),
    start: week.monday.toISO()!,
    end: week.monday.plus({ weeks: 1 }).toISO()!,
    timeZone: week.timeZone,
    slotMinutes: SLOT_MINUTES,
  };
  const data = okData(actions.getAvailability, await session.callAction(actions.getAvailability, [input]), availabilitySchema);
  if (data.calendars.length !== rooms.length) throw new Error(`getAvailability answered ${data.calendars.length} calendars for ${rooms.length} rooms`);
  const unknown = data.calendars.find((calendar) => calendar.status !== "ok" || calendar.busy.length === 0);
  if (unknown) throw new Error(`getAvailability did not know ${unknown.label}: ${JSON.stringify(unknown.error ?? "no busy time")}`);
  if (!data.slots.some((slot) => slot.status === "busy") || data.slots.some((slot) => slot.status === "unknown")) {
    throw new Error("getAvailability's combined slots are not all known, or none is busy");
  }
}

/** listCalendars for a connected account (one Graph read, needing the account's access token). */
export async function accountCalendars(session: HubSession, actions: CalendarActions, accountId: string): Promise<void> {
  const data = okData(actions.listCalendars, await session.callAction(actions.listCalendars, [{ accountId }]), z.array(z.object({ id: z.string() }).loose()));
  if (data.length === 0) throw new Error("listCalendars answered no calendars");
}

/** createBooking of one 30-minute slot; the hub must confirm it (created in Outlook). */
export async function bookSlot(session: HubSession, actions: CalendarActions, target: { accountId: string; calendarId: string }, start: DateTime, timeZone: string) {
  const input = {
    ...target,
    subject: `Bench booking ${start.toISO()}`,
    start: start.toISO()!,
    end: start.plus({ minutes: SLOT_MINUTES }).toISO()!,
    timeZone,
  };
  const data = okData(actions.createBooking, await session.callAction(actions.createBooking, [input]), z.object({ status: z.string(), eventId: z.string().nullable() }).loose());
  if (data.status !== "confirmed" || !data.eventId) throw new Error(`createBooking did not confirm: ${JSON.stringify(data)}`);
}

/** The booking page for a known calendar and week, as a browser opens it from a link. */
export function bookingsPageUrl(target: { accountId: string; calendarId: string }, week: BenchWeek): string {
  return `/bookings?${new URLSearchParams({ source: target.accountId, calendar: target.calendarId, week: week.monday.toISODate()! })}`;
}

/** Opens the booking page; it must show the week of the calendar with its events, none of it unknown. */
export async function viewBookingsPage(session: HubSession, url: string, expectedSubject: string): Promise<void> {
  const html = await session.page(url);
  if (!html.includes('id="week-heading"')) throw new Error(`${url} showed no week: ${html.slice(0, 300)}`);
  if (html.includes('data-testid="availability-unknown"')) throw new Error(`${url} showed the calendar's availability as unknown`);
  if (!html.includes(expectedSubject)) throw new Error(`${url} did not list the event "${expectedSubject}"`);
}
