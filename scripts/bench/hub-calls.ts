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

export type CalendarActions = Record<"getAvailability" | "getCalendarAvailability" | "createBooking", ActionRef>;

export function readCalendarActions(): CalendarActions {
  return {
    getAvailability: readAction(ACTIONS_FILE, "getAvailability"),
    getCalendarAvailability: readAction(ACTIONS_FILE, "getCalendarAvailability"),
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

const resourcesSchema = z.object({
  resources: z.array(
    z.object({ name: z.string(), status: z.string(), error: z.unknown().optional(), periods: z.array(z.object({ start: z.string(), end: z.string(), status: z.string() }).loose()) }).loose(),
  ),
});

const weekInput = (week: BenchWeek) => ({ start: week.monday.toISO()!, end: week.monday.plus({ weeks: 1 }).toISO()!, timeZone: week.timeZone });

/**
 * getAvailability for a week of the rooms as staff ask for it: resources, under their rules (opening hours), from
 * Microsoft's free/busy of each room's mailbox. Every room must be known, with some of its time booked.
 */
export async function roomAvailability(session: HubSession, actions: CalendarActions, rooms: Pick<Room, "resourceId">[], week: BenchWeek): Promise<void> {
  await roomAvailabilityOver(session, actions, rooms, weekInput(week));
}

/**
 * getAvailability of the rooms over any range, checked as for a week; answers each room's periods ("<start> <end>
 * <status>": runs of slots of equal standing), so that two ways of answering (from the mirror, live) can be compared.
 */
export async function roomAvailabilityOver(
  session: HubSession,
  actions: CalendarActions,
  rooms: Pick<Room, "resourceId">[],
  range: { start: string; end: string; timeZone: string },
): Promise<string[][]> {
  return checkRoomAvailability(actions, rooms, await askRoomAvailability(session, actions, rooms, range));
}

/** The call alone (its answer as the action gave it), for timing apart from the bench's check of a large answer. */
export function askRoomAvailability(session: HubSession, actions: CalendarActions, rooms: Pick<Room, "resourceId">[], range: { start: string; end: string; timeZone: string }) {
  return session.callAction(actions.getAvailability, [{ resources: rooms.map((room) => room.resourceId), ...range }]);
}

/** A getAvailability answer checked: ok, every room known with some busy time; each room's periods as text. */
export function checkRoomAvailability(actions: CalendarActions, rooms: Pick<Room, "resourceId">[], answer: unknown): string[][] {
  const data = okData(actions.getAvailability, answer, resourcesSchema);
  if (data.resources.length !== rooms.length) throw new Error(`getAvailability answered ${data.resources.length} resources for ${rooms.length} rooms`);
  const unknown = data.resources.find((resource) => resource.status !== "ok" || !resource.periods.some((period) => period.status === "busy"));
  if (unknown) throw new Error(`getAvailability did not know ${unknown.name}: ${JSON.stringify(unknown.error ?? "no busy time")}`);
  return data.resources.map((resource) => resource.periods.map((period) => `${period.start} ${period.end} ${period.status}`));
}

const calendarsSchema = z.object({
  slots: z.array(z.object({ start: z.string(), status: z.enum(["free", "busy", "unknown"]) })),
  calendars: z.array(z.object({ label: z.string(), status: z.string(), busy: z.array(z.unknown()), error: z.unknown().optional() }).loose()),
});

/** getCalendarAvailability (administrators): each room's default calendar by id, read event by event, no rules. */
export async function calendarAvailability(session: HubSession, actions: CalendarActions, rooms: Room[], week: BenchWeek): Promise<void> {
  const input = { calendars: rooms.map((room) => ({ accountId: room.mailboxId, calendarId: room.calendarId })), ...weekInput(week), slotMinutes: SLOT_MINUTES };
  const data = okData(actions.getCalendarAvailability, await session.callAction(actions.getCalendarAvailability, [input]), calendarsSchema);
  if (data.calendars.length !== rooms.length) throw new Error(`getCalendarAvailability answered ${data.calendars.length} calendars for ${rooms.length} rooms`);
  const unknown = data.calendars.find((calendar) => calendar.status !== "ok" || calendar.busy.length === 0);
  if (unknown) throw new Error(`getCalendarAvailability did not know ${unknown.label}: ${JSON.stringify(unknown.error ?? "no busy time")}`);
}

/** createBooking of one 30-minute slot of a resource; the hub must confirm it (created in Outlook). */
export async function bookSlot(session: HubSession, actions: CalendarActions, resourceId: string, start: DateTime, timeZone: string) {
  const input = { resourceId, subject: `Bench booking ${start.toISO()}`, start: start.toISO()!, end: start.plus({ minutes: SLOT_MINUTES }).toISO()!, timeZone };
  const data = okData(actions.createBooking, await session.callAction(actions.createBooking, [input]), z.object({ status: z.string(), eventId: z.string().nullable() }).loose());
  if (data.status !== "confirmed" || !data.eventId) throw new Error(`createBooking did not confirm: ${JSON.stringify(data)}`);
}

/** The booking page for a resource and a day, as a browser opens it from a link. */
export function bookingsPageUrl(resourceId: string, date: DateTime): string {
  return `/bookings?${new URLSearchParams({ resource: resourceId, date: date.toISODate()! })}`;
}

/** Opens the booking page; it must show the day with free times and booked times, and the week, none of it unknown. */
export async function viewBookingsPage(session: HubSession, url: string): Promise<void> {
  const html = await session.page(url);
  if (!html.includes('data-testid="week-overview"')) throw new Error(`${url} showed no week: ${html.slice(0, 300)}`);
  if (html.includes('data-testid="availability-unknown"')) throw new Error(`${url} showed the resource's availability as unknown`);
  if (!html.includes('data-status="busy"')) throw new Error(`${url} listed no booked time`);
}
