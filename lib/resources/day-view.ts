import { DateTime } from "luxon";
import { isoAt, localDay } from "../time";
import type { ResourceAvailability } from "./availability";
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
/** A free slot of the day: one start time offered. */
export type FreeSlot = { start: string; end: string; placesLeft?: number };
export type DayPlan = {
  date: string;
  free: FreeSlot[];
  /** Unavailable time inside opening hours, in ranges of one status; a closed day is one range. */
  unavailable: UnavailableRange[];
  /** First opening and last closing of the day ("08:00", "18:00"), or null when closed all day. */
  opens: string | null;
  closes: string | null;
  closedReason: string | null;
};

const localTime = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("HH:mm");
const OUTSIDE_HOURS = "Outside opening hours";
const MINUTE = 60_000;

/**
 * One date of the answer's periods (which may run over midnight: a closed weekend, a room open all night): the free
 * periods as their slots, each of the resource's length, and the rest as ranges cut to the date.
 */
export function planDay(availability: ResourceAvailability, date: string, zone: string): DayPlan {
  const day = localDay(date, zone);
  const step = availability.slotMinutes * MINUTE;
  const free: FreeSlot[] = [];
  const unavailable: UnavailableRange[] = [];
  let bookable = 0;
  let wholeDayClosed: string | null = null;
  let opens: number | null = null;
  let closes: number | null = null;
  for (const period of availability.periods) {
    const start = Date.parse(period.start);
    const end = Date.parse(period.end);
    if (end <= day.start || start >= day.end || (period.status === "closed" && period.reason === OUTSIDE_HOURS)) continue;
    bookable += 1;
    const from = Math.max(start, day.start);
    const to = Math.min(end, day.end);
    if (period.status === "free") {
      // The period's slots that start on this date (a slot's date is its start's).
      for (let slot = start; slot + step <= end; slot += step) {
        if (slot >= day.start && slot < day.end) free.push({ start: isoAt(slot, zone), end: isoAt(slot + step, zone), ...(period.placesLeft !== undefined ? { placesLeft: period.placesLeft } : {}) });
      }
    } else {
      const range = { start: isoAt(from, zone), end: isoAt(to, zone), status: period.status };
      const last = unavailable.at(-1);
      if (last && last.end === range.start && last.status === range.status && last.reason === period.reason) last.end = range.end;
      else unavailable.push({ ...range, ...(period.reason ? { reason: period.reason } : {}) });
    }
    if (period.status === "closed") wholeDayClosed = period.reason ?? null;
    else {
      opens ??= from;
      closes = to;
    }
  }
  return {
    date,
    free,
    unavailable,
    opens: opens === null ? null : localTime(isoAt(opens, zone), zone),
    closes: closes === null ? null : localTime(isoAt(closes, zone), zone),
    closedReason: bookable === 1 ? wholeDayClosed : null,
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
