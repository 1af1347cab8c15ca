import { DateTime } from "luxon";
import type { FieldError } from "./event-times";
import { DAYS_OF_WEEK, type Recurrence, type RecurrenceInput, type StoredEvent } from "./model";
import { patternDates } from "./recurrence-patterns";
import { localDate, resolveZone } from "./time-zones";

/**
 * Expands series the way Exchange does (each pattern type's dates: recurrence-patterns.ts): occurrences keep the
 * master's wall-clock time in the series' time zone, so a 09:00 Europe/London meeting is 09:00 UTC in winter and
 * 08:00 UTC in summer (https://learn.microsoft.com/graph/api/resources/patternedrecurrence). Numbered ranges count deleted occurrences
 * too; the range's dates are local dates in recurrenceTimeZone (default: the event's start zone).
 */

/** The IANA zone a series repeats in: the range's recurrenceTimeZone, else the start's zone; all-day series float. */
export function seriesZone(master: StoredEvent): string {
  if (master.isAllDay || !master.recurrence) return "UTC";
  return (resolveZone(master.recurrence.range.recurrenceTimeZone) ?? resolveZone(master.startTimeZone))?.iana ?? "UTC";
}

const invalid = (message: string): FieldError => ({ status: 400, code: "ErrorInvalidRequest", message: `Your request can't be completed. ${message}` });

/**
 * What each pattern type requires (https://learn.microsoft.com/graph/api/resources/recurrencepattern): dayOfMonth
 * for absolute patterns, month for yearly ones, daysOfWeek for relative ones. Learn names the required properties
 * but not Graph's refusal; the emulator answers 400 ErrorInvalidRequest.
 */
function missingField(input: RecurrenceInput): string | null {
  const { type, dayOfMonth, month, daysOfWeek } = input.pattern;
  if ((type === "absoluteMonthly" || type === "absoluteYearly") && !dayOfMonth) return `dayOfMonth is required when the type is ${type}.`;
  if ((type === "absoluteYearly" || type === "relativeYearly") && !month) return `month is required when the type is ${type}.`;
  if ((type === "relativeMonthly" || type === "relativeYearly") && !daysOfWeek?.length) return `daysOfWeek is required when the type is ${type}.`;
  if (input.range.type === "endDate" && !input.range.endDate) return "endDate is required when the range type is endDate.";
  if (input.range.type === "numbered" && !input.range.numberOfOccurrences) return "numberOfOccurrences must be a positive integer when the range type is numbered.";
  return null;
}

/** Fills Graph's optional recurrence fields from the event they belong to, or refuses a pattern missing a required field. */
export function normalizeRecurrence(input: RecurrenceInput, start: Date, startTimeZone: string, isAllDay: boolean): Recurrence | FieldError {
  const missing = missingField(input);
  if (missing) return invalid(missing);
  const zone = isAllDay ? "UTC" : (resolveZone(input.range.recurrenceTimeZone ?? "") ?? resolveZone(startTimeZone))?.iana ?? "UTC";
  const startDay = DAYS_OF_WEEK[DateTime.fromJSDate(start, { zone }).weekday % 7] ?? "sunday";
  const { type } = input.pattern;
  const usesDays = type === "weekly" || type === "relativeMonthly" || type === "relativeYearly";
  return {
    pattern: {
      type,
      interval: input.pattern.interval,
      daysOfWeek: usesDays ? (input.pattern.daysOfWeek?.length ? [...new Set(input.pattern.daysOfWeek)] : [startDay]) : [],
      firstDayOfWeek: input.pattern.firstDayOfWeek ?? "sunday",
      dayOfMonth: type === "absoluteMonthly" || type === "absoluteYearly" ? (input.pattern.dayOfMonth ?? 0) : 0,
      month: type === "absoluteYearly" || type === "relativeYearly" ? (input.pattern.month ?? 0) : 0,
      index: input.pattern.index ?? "first",
    },
    range: {
      type: input.range.type,
      startDate: input.range.startDate ?? localDate(start, zone),
      endDate: input.range.type === "endDate" ? (input.range.endDate ?? null) : null,
      numberOfOccurrences: input.range.type === "numbered" ? (input.range.numberOfOccurrences ?? 0) : 0,
      recurrenceTimeZone: input.range.recurrenceTimeZone ?? startTimeZone,
    },
  };
}

/**
 * The original starts of the series' occurrences that overlap [from, to), deleted ones left out. The caller
 * removes occurrences replaced by exceptions.
 */
export function occurrenceStarts(master: StoredEvent, from: Date, to: Date): Date[] {
  const recurrence = master.recurrence;
  if (!recurrence) return [];
  const zone = seriesZone(master);
  const first = DateTime.fromJSDate(master.start, { zone });
  const wallClock = { hour: first.hour, minute: first.minute, second: first.second, millisecond: first.millisecond };
  const duration = master.end.getTime() - master.start.getTime();
  const firstDate = DateTime.fromISO(recurrence.range.startDate, { zone }).startOf("day");
  const lastDate = recurrence.range.endDate ? DateTime.fromISO(recurrence.range.endDate, { zone }).startOf("day") : null;
  const limit = recurrence.range.type === "numbered" ? recurrence.range.numberOfOccurrences : Number.POSITIVE_INFINITY;
  const deleted = new Set(master.deletedOccurrences);

  const starts: Date[] = [];
  let count = 0;
  for (const date of patternDates(recurrence.pattern, firstDate)) {
    if ((lastDate && date > lastDate) || count >= limit) break;
    count += 1;
    const start = date.set(wallClock).toJSDate();
    if (start.getTime() >= to.getTime()) break;
    const end = start.getTime() + duration;
    const overlaps = duration === 0 ? start.getTime() >= from.getTime() : end > from.getTime();
    if (overlaps && !deleted.has(start.getTime())) starts.push(start);
  }
  return starts;
}

/** Whether `originalStart` is one of the series' occurrences (deleted ones included). */
export function isOccurrenceOf(master: StoredEvent, originalStart: Date): boolean {
  const window = new Date(originalStart.getTime() + 1);
  const starts = occurrenceStarts({ ...master, deletedOccurrences: [] }, originalStart, window);
  return starts.some((start) => start.getTime() === originalStart.getTime());
}
