import { DateTime } from "luxon";
import { bankHolidays } from "../../lib/resources/closed-dates";

/**
 * The days the booking journeys book, relative to today so that they are never in the past (the hub refuses past
 * dates) nor beyond the resources' 180 days ahead. Everything is built from one base Tuesday: the journeys rely on
 * its weekdays (the Monday before it, the next day a Wednesday, the Saturday and Sunday after it in the week view,
 * weekly repeats on the three Tuesdays after it).
 */
const LONDON = "Europe/London";

/** The dates, relative to the base Tuesday, that the journeys expect open on weekdays: none may be a bank holiday. */
const USED_DAYS = [-1, 0, 1, 2, 3, 4, 5, 7, 14, 21];

function baseTuesday(): string {
  const soonest = DateTime.now().setZone(LONDON).startOf("day").plus({ days: 14 });
  // luxon's weekday: Monday 1 … Sunday 7; Tuesday is 2.
  let tuesday = soonest.plus({ days: (2 - soonest.weekday + 7) % 7 });
  for (;;) {
    const days = USED_DAYS.map((offset) => tuesday.plus({ days: offset }).toISODate()!);
    // The hub's own calendar (England and Wales, substitutes as gov.uk lists them), as resources close on it.
    const holidays = bankHolidays("england-and-wales", days[0]!, days[days.length - 1]!);
    if (!days.some((day) => holidays.has(day))) return tuesday.toISODate()!;
    tuesday = tuesday.plus({ weeks: 1 });
  }
}

/** The journeys' base day: the first Tuesday at least 14 days after today (London) whose week, and the three Tuesdays after it, have no bank holiday. */
export const BASE_TUESDAY = baseTuesday();

/** The date ("YYYY-MM-DD") `days` after the base Tuesday (before it, if negative). */
export function dayPlus(days: number): string {
  return DateTime.fromISO(BASE_TUESDAY).plus({ days }).toISODate()!;
}

/** "2027-01-05" → "Tuesday 5 January 2027", as the hub writes a date in full. */
export function longDate(isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale("en-GB").toFormat("cccc d MMMM yyyy");
}

/** "2027-01-05" → "Tuesday 5 January", as the hub writes a date without its year (the week view, link names). */
export function shortDate(isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale("en-GB").toFormat("cccc d MMMM");
}

/** A date's fields as typed into a GOV.UK date input: "2027-01-05" → { day: "5", month: "1", year: "2027" }. */
export function dateFields(isoDate: string): { day: string; month: string; year: string } {
  const date = DateTime.fromISO(isoDate);
  return { day: String(date.day), month: String(date.month), year: String(date.year) };
}

/**
 * The UTC instant of a London local time on a date: ("2027-01-05", "10:00") → "2027-01-05T10:00:00.000Z" (in summer
 * time, an hour earlier). Without milliseconds with `{ milliseconds: false }`: "2027-01-05T10:00:00Z".
 */
export function utc(isoDate: string, time: string, { milliseconds = true }: { milliseconds?: boolean } = {}): string {
  return DateTime.fromISO(`${isoDate}T${time}`, { zone: LONDON }).toUTC().toISO({ suppressMilliseconds: !milliseconds })!;
}
