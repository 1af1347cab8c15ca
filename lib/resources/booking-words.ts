import { DateTime } from "luxon";
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
