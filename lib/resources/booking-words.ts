import { DateTime } from "luxon";
import type { BookingDetails } from "./booking-details";
import { dateInWords } from "./day-view";

/**
 * A booking's time in words, in the zone its ISO instants carry: "Tuesday 5 January 2027, 10:00 to 11:00", or with
 * both dates when it ends on another day.
 */
export function whenInWords(start: string, end: string): string {
  const from = DateTime.fromISO(start, { setZone: true });
  const to = DateTime.fromISO(end, { setZone: true });
  const day = (instant: DateTime) => dateInWords(instant.toISODate()!);
  if (from.toISODate() === to.toISODate()) return `${day(from)}, ${from.toFormat("HH:mm")} to ${to.toFormat("HH:mm")}`;
  return `${day(from)}, ${from.toFormat("HH:mm")} to ${day(to)}, ${to.toFormat("HH:mm")}`;
}

/** "30 minutes", "1 hour", "1 hour 30 minutes", "2 hours". */
export function durationInWords(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours > 1 ? "s" : ""}${minutes % 60 ? ` ${minutes % 60} minutes` : ""}`;
}

/** The date of an ISO instant, in words ("Tuesday 12 January 2027"). */
export function dayOf(instant: string): string {
  return dateInWords(DateTime.fromISO(instant, { setZone: true }).toISODate()!);
}

/**
 * Which booking a Change time or Cancel link is about, for screen readers (the links repeat on every booking):
 * "Council Chamber on Tuesday 5 January at 10:00".
 */
export function bookingInWords(calendar: string, start: string): string {
  return `${calendar} on ${DateTime.fromISO(start, { setZone: true }).setLocale("en-GB").toFormat("cccc d MMMM 'at' HH:mm")}`;
}

/** The list of bookings' title, for everyone: staff see their own bookings there, administrators everyone's. */
export const BOOKING_LIST_TITLE = "My bookings";

export type CancelScopeWords = { booking: { label: string }; series: { label: string; hint: string } };

/**
 * For a date of a series with other dates still to come, the two choices on its Cancel page. Cancelling the series
 * cancels every date still to come (Outlook's series is ended, the dates already begun kept): from the first date left
 * that is "this date and the rest"; from a later one the earlier dates go too, and the choice says so.
 */
export function cancelScopeWords(booking: Pick<BookingDetails, "id" | "start" | "series">): CancelScopeWords | undefined {
  const dates = booking.series?.dates ?? [];
  const first = dates[0];
  const last = dates.at(-1);
  if (dates.length < 2 || !first || !last) return undefined;
  const span = `${dates.length} dates, ${dayOf(first.start)} to ${dayOf(last.start)}`;
  return {
    booking: { label: `Only this date (${dayOf(booking.start)})` },
    series:
      first.id === booking.id
        ? { label: "This date and the rest of the series", hint: span }
        : { label: "Every date left in the series", hint: `${span}, including dates before this one` },
  };
}
