import { DateTime } from "luxon";
import type { ResourceAvailability, ResourceSlot } from "./availability";
import type { SlotStatus } from "./rules";

/**
 * The booking page's day of a resource, from its availability answer: the free start times, the rest as ranges of
 * unavailable time with the reason (so a screen reader hears why, not a disabled radio), and a week's overview.
 */
export const STATUS_WORDS: Record<SlotStatus, string> = {
  free: "Free",
  busy: "Booked",
  full: "Full: every place is taken",
  closed: "Closed",
  too_soon: "Too soon to book",
  too_far: "Too far ahead to book",
  past: "In the past",
  unknown: "Unknown: Microsoft has not said whether it is free",
};

export type UnavailableRange = { start: string; end: string; status: Exclude<SlotStatus, "free">; reason?: string };
export type DayPlan = {
  date: string;
  free: ResourceSlot[];
  /** Unavailable time inside opening hours, in ranges of one status; a closed day is one range. */
  unavailable: UnavailableRange[];
  /** First opening and last closing of the day ("08:00", "18:00"), or null when closed all day. */
  opens: string | null;
  closes: string | null;
  closedReason: string | null;
};

const localTime = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("HH:mm");
const localDate = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toISODate()!;

export function planDay(availability: ResourceAvailability, date: string, zone: string): DayPlan {
  const slots = availability.slots.filter((slot) => localDate(slot.start, zone) === date);
  const bookable = slots.filter((slot) => !(slot.status === "closed" && slot.reason === "Outside opening hours"));
  const wholeDayClosed = bookable.length === 1 && bookable[0]!.status === "closed" ? bookable[0]! : null;
  const unavailable: UnavailableRange[] = [];
  for (const slot of bookable) {
    if (slot.status === "free") continue;
    const last = unavailable.at(-1);
    if (last && last.end === slot.start && last.status === slot.status && last.reason === slot.reason) last.end = slot.end;
    else unavailable.push({ start: slot.start, end: slot.end, status: slot.status, ...(slot.reason ? { reason: slot.reason } : {}) });
  }
  const open = bookable.filter((slot) => slot.status !== "closed");
  return {
    date,
    free: bookable.filter((slot) => slot.status === "free"),
    unavailable,
    opens: open[0] ? localTime(open[0].start, zone) : null,
    closes: open.at(-1) ? localTime(open.at(-1)!.end, zone) : null,
    closedReason: wholeDayClosed?.reason ?? null,
  };
}

/** A day's free start times as the radios offer them: "10:00 to 10:30", and the places left where several may book. */
export function startTimeChoices(day: DayPlan, zone: string): { value: string; label: string }[] {
  return day.free.map((slot) => ({
    value: slot.start,
    label: `${localTime(slot.start, zone)} to ${localTime(slot.end, zone)}${slot.placesLeft !== undefined ? ` (${slot.placesLeft} left)` : ""}`,
  }));
}

/** "2027-01-04" from the page's query (?date=), else today in the zone. */
export function dateFromQuery(value: string | undefined, zone: string, now = DateTime.now()): string {
  const parsed = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone }) : null;
  return parsed?.isValid ? parsed.toISODate()! : now.setZone(zone).toISODate()!;
}

/** The date's day, month and year as GOV.UK's date input shows them, and the date they make (or a problem). */
export function dateFromParts(day: string, month: string, year: string): { date: string } | { problem: string } {
  if (!day && !month && !year) return { problem: "Enter a date" };
  const missing = [!day && "day", !month && "month", !year && "year"].filter(Boolean);
  if (missing.length > 0) return { problem: `Date must include a ${missing.join(" and ")}` };
  const parsed = DateTime.fromObject({ day: Number(day), month: Number(month), year: Number(year) });
  if (![day, month, year].every((part) => /^\d+$/.test(part)) || !parsed.isValid || parsed.year < 2000 || parsed.year > 2100) {
    return { problem: "Date must be a real date, like 4 1 2027" };
  }
  return { date: parsed.toISODate()! };
}

export function shiftDate(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate()!;
}

/** "Monday 4 January 2027" */
export function dateInWords(date: string): string {
  return DateTime.fromISO(date).setLocale("en-GB").toFormat("cccc d MMMM yyyy");
}

/** The seven days of the week the date is in, Monday first. */
export function weekDates(date: string): string[] {
  const monday = DateTime.fromISO(date).startOf("week");
  return Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate()!);
}

/** How long a booking may be: every multiple of the slot up to the longest booking. */
export function durationChoices(slotMinutes: number, longestMinutes: number): number[] {
  return Array.from({ length: Math.max(1, Math.floor(longestMinutes / slotMinutes)) }, (_, i) => (i + 1) * slotMinutes);
}
