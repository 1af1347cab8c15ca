import type { DateTime } from "luxon";
import { DAYS_OF_WEEK, WEEK_INDEXES, type DayOfWeek, type RecurrencePattern } from "./model";

/**
 * The local dates each recurrencePattern type allows (https://learn.microsoft.com/graph/outlook-schedule-recurring-events),
 * as Exchange computes them:
 * - absoluteMonthly / absoluteYearly on a day a month lacks (the 31st, 29 February) fall on that month's last day:
 *   "If for a particular month this value is larger than the number of days in the month, the last day of the month
 *   is assumed" (https://learn.microsoft.com/exchange/client-developer/web-service-reference/dayofmonth);
 * - relative patterns fall on the index-th day of the month that is one of daysOfWeek ("second weekday" with Monday
 *   to Friday), last being the last such day (MS-OXOCAL 2.2.1.44.1.6, PatternTypeSpecific MonthNth);
 * - monthly and yearly intervals count from the first month (year) that holds an occurrence: Learn's example of "the
 *   first Thursday of every other month" starting 29 August has its first occurrence in September.
 */

/** A bound for series without an end that are read far in the future. */
const MAX_CANDIDATES = 100_000;

const dayIndex = (day: DayOfWeek) => DAYS_OF_WEEK.indexOf(day);
const weekdayOf = (date: DateTime) => DAYS_OF_WEEK[date.weekday % 7] ?? "sunday";

function* daily(pattern: RecurrencePattern, firstDate: DateTime): Generator<DateTime> {
  for (let step = 0; step < MAX_CANDIDATES; step++) yield firstDate.plus({ days: step * pattern.interval });
}

/** Weeks start on firstDayOfWeek; every interval-th week counts from the week holding the start date. */
function* weekly(pattern: RecurrencePattern, firstDate: DateTime): Generator<DateTime> {
  const first = dayIndex(pattern.firstDayOfWeek);
  const weekStart = firstDate.minus({ days: (dayIndex(weekdayOf(firstDate)) - first + 7) % 7 });
  const offsets = pattern.daysOfWeek.map((day) => (dayIndex(day) - first + 7) % 7).sort((a, b) => a - b);
  for (let week = 0; week * 7 < MAX_CANDIDATES; week += pattern.interval) {
    for (const offset of offsets) {
      const date = weekStart.plus({ days: week * 7 + offset });
      if (date >= firstDate) yield date;
    }
  }
}

/** dayOfMonth in the month starting at `monthStart`, or the month's last day when it has fewer days. */
function absoluteDay(monthStart: DateTime, dayOfMonth: number): DateTime {
  return monthStart.set({ day: Math.min(dayOfMonth, monthStart.daysInMonth ?? 28) });
}

/** The index-th day of the month that is one of `days` (last: the last such day). */
function relativeDay(monthStart: DateTime, days: DayOfWeek[], index: RecurrencePattern["index"]): DateTime {
  const matching: DateTime[] = [];
  for (let day = monthStart; day.month === monthStart.month; day = day.plus({ days: 1 })) {
    if (days.includes(weekdayOf(day))) matching.push(day);
  }
  const position = index === "last" ? matching.length - 1 : Math.min(WEEK_INDEXES.indexOf(index), matching.length - 1);
  return matching[position] ?? monthStart;
}

/** One date every `stepMonths` months, from the first month (of `unitMonths` candidates) whose date is on or after firstDate. */
function* monthly(firstDate: DateTime, anchor: DateTime, unitMonths: number, stepMonths: number, dateIn: (monthStart: DateTime) => DateTime) {
  let month = anchor;
  if (dateIn(month) < firstDate) month = month.plus({ months: unitMonths });
  for (let step = 0; step < MAX_CANDIDATES / 30; step++) yield dateIn(month.plus({ months: step * stepMonths }));
}

/** Local dates (midnight in the series' zone) the pattern allows, ascending, from the range's start date. */
export function patternDates(pattern: RecurrencePattern, firstDate: DateTime): Generator<DateTime> {
  const thisMonth = firstDate.startOf("month");
  const patternMonth = firstDate.set({ month: pattern.month || 1 }).startOf("month");
  switch (pattern.type) {
    case "daily":
      return daily(pattern, firstDate);
    case "weekly":
      return weekly(pattern, firstDate);
    case "absoluteMonthly":
      return monthly(firstDate, thisMonth, 1, pattern.interval, (month) => absoluteDay(month, pattern.dayOfMonth));
    case "relativeMonthly":
      return monthly(firstDate, thisMonth, 1, pattern.interval, (month) => relativeDay(month, pattern.daysOfWeek, pattern.index));
    case "absoluteYearly":
      return monthly(firstDate, patternMonth, 12, 12 * pattern.interval, (month) => absoluteDay(month, pattern.dayOfMonth));
    case "relativeYearly":
      return monthly(firstDate, patternMonth, 12, 12 * pattern.interval, (month) => relativeDay(month, pattern.daysOfWeek, pattern.index));
  }
}
