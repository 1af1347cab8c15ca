import { DateTime } from "luxon";
import { DAYS_OF_WEEK, type DayOfWeek, type Recurrence, type RecurrenceInput, type StoredEvent } from "./model";
import { localDate, resolveZone } from "./time-zones";

/**
 * Expands daily and weekly series the way Exchange does: occurrences keep the master's wall-clock time in the
 * series' time zone, so a 09:00 Europe/London meeting is 09:00 UTC in winter and 08:00 UTC in summer
 * (https://learn.microsoft.com/graph/api/resources/patternedrecurrence). Numbered ranges count deleted occurrences
 * too; the range's dates are local dates in recurrenceTimeZone (default: the event's start zone).
 */

/** The IANA zone a series repeats in: the range's recurrenceTimeZone, else the start's zone; all-day series float. */
export function seriesZone(master: StoredEvent): string {
  if (master.isAllDay || !master.recurrence) return "UTC";
  return (resolveZone(master.recurrence.range.recurrenceTimeZone) ?? resolveZone(master.startTimeZone))?.iana ?? "UTC";
}

/** A safety net for series without an end queried far in the future. */
const MAX_CANDIDATES = 100_000;

/** Fills Graph's optional recurrence fields from the event they belong to. */
export function normalizeRecurrence(input: RecurrenceInput, start: Date, startTimeZone: string, isAllDay: boolean): Recurrence {
  const zone = isAllDay ? "UTC" : (resolveZone(input.range.recurrenceTimeZone ?? "") ?? resolveZone(startTimeZone))?.iana ?? "UTC";
  const startDay = DAYS_OF_WEEK[DateTime.fromJSDate(start, { zone }).weekday % 7] ?? "sunday";
  return {
    pattern: {
      type: input.pattern.type,
      interval: input.pattern.interval,
      daysOfWeek: input.pattern.type === "weekly" ? (input.pattern.daysOfWeek?.length ? input.pattern.daysOfWeek : [startDay]) : [],
      firstDayOfWeek: input.pattern.firstDayOfWeek ?? "sunday",
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

const dayIndex = (day: DayOfWeek) => DAYS_OF_WEEK.indexOf(day);

/** Local dates (midnight in `zone`) the pattern allows, ascending, from the range's start date. */
function* candidateDates(recurrence: Recurrence, firstDate: DateTime): Generator<DateTime> {
  const { pattern } = recurrence;
  if (pattern.type === "daily") {
    for (let step = 0; step < MAX_CANDIDATES; step++) yield firstDate.plus({ days: step * pattern.interval });
    return;
  }
  // Weekly: weeks start on firstDayOfWeek; every interval-th week counts from the week holding the start date.
  const weekStart = firstDate.minus({ days: (firstDate.weekday % 7 - dayIndex(pattern.firstDayOfWeek) + 7) % 7 });
  const offsets = pattern.daysOfWeek.map((day) => (dayIndex(day) - dayIndex(pattern.firstDayOfWeek) + 7) % 7).sort((a, b) => a - b);
  for (let week = 0; week * 7 < MAX_CANDIDATES; week += pattern.interval) {
    for (const offset of offsets) {
      const date = weekStart.plus({ days: week * 7 + offset });
      if (date >= firstDate) yield date;
    }
  }
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
  for (const date of candidateDates(recurrence, firstDate)) {
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
