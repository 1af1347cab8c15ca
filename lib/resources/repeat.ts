import { DateTime } from "luxon";
import { z } from "zod";
import type { RepeatFrequency } from "../db/enums";
import { HubError } from "../errors";

/**
 * Repeating bookings: how often (every weekday, every week, every month on the same date), until a date or for a
 * number of times — the dates this gives, the recurrence Outlook is sent, and the words people read.
 *
 * The dates are Exchange's own for the recurrence the hub sends, so what the hub checked is what Outlook holds:
 * the same wall-clock time in the site's time zone on every date (across the clock changes), and a monthly date a
 * month lacks (the 31st in April) on that month's last day, as Exchange does.
 * https://learn.microsoft.com/graph/api/resources/patternedrecurrence
 */
export const REPEAT_FREQUENCIES = {
  weekdays: "Every weekday (Monday to Friday)",
  weekly: "Every week",
  monthly: "Every month on the same date",
} as const satisfies Record<RepeatFrequency, string>;
export type { RepeatFrequency };
const FREQUENCY_IDS = Object.keys(REPEAT_FREQUENCIES) as [RepeatFrequency, ...RepeatFrequency[]];

/** At most this many dates in one repeating booking (a year of weeks). */
export const MAX_OCCURRENCES = 52;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a real date")
  .refine((value) => DateTime.fromISO(value).isValid, "Enter a real date");

/** How a booking repeats: exactly one of `until` (the last date, inclusive) and `count` (how many dates, 2 to 52). */
export const repeatSchema = z
  .object({
    frequency: z.enum(FREQUENCY_IDS, { error: "Choose how often it repeats" }),
    until: isoDate.optional(),
    count: z
      .number({ error: "Enter how many times, as a number" })
      .int("Enter a whole number of times")
      .min(2, "A repeating booking happens at least 2 times")
      .max(MAX_OCCURRENCES, `A repeating booking happens at most ${MAX_OCCURRENCES} times`)
      .optional(),
  })
  .superRefine((repeat, context) => {
    if ((repeat.until === undefined) === (repeat.count === undefined)) {
      context.addIssue({ code: "custom", path: ["until"], message: "Choose when it ends: on a date, or after a number of times" });
    }
  });
export type Repeat = z.output<typeof repeatSchema>;

export type Occurrence = { date: string; start: DateTime; end: DateTime };

const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const isWeekday = (day: DateTime) => day.weekday <= 5;

/** The local date of the n-th month after `first`'s, on `first`'s day of the month or that month's last day. */
function monthlyDate(first: DateTime, months: number): DateTime {
  const month = first.startOf("month").plus({ months });
  return month.set({ day: Math.min(first.day, month.daysInMonth!) });
}

/**
 * The dates [start, end) repeats on, in `timeZone`: the first is start's own date. Refuses, naming the field, a
 * repeat that cannot start there (every weekday from a Saturday), ends before it starts, or gives more than 52 dates.
 */
export function occurrencesOf(start: DateTime, end: DateTime, timeZone: string, repeat: Repeat): Occurrence[] {
  const first = start.setZone(timeZone);
  const durationMs = end.toMillis() - start.toMillis();
  if (repeat.frequency === "weekdays" && !isWeekday(first)) {
    throw new HubError("invalid_input", { message: "Every weekday repeats from Monday to Friday: choose a weekday to start on" }, { field: "repeat.frequency" });
  }
  if (repeat.until !== undefined && repeat.until <= first.toISODate()!) {
    throw new HubError("invalid_input", { message: "The end date must be after the first date" }, { field: "repeat.until" });
  }
  const wanted = repeat.count ?? MAX_OCCURRENCES + 1;
  const dates: DateTime[] = [];
  for (let step = 0; dates.length < wanted; step++) {
    const day =
      repeat.frequency === "monthly" ? monthlyDate(first, step) : repeat.frequency === "weekly" ? first.plus({ weeks: step }) : first.plus({ days: step });
    if (repeat.until !== undefined && day.toISODate()! > repeat.until) break;
    if (repeat.frequency === "weekdays" && !isWeekday(day)) continue;
    dates.push(day);
  }
  if (dates.length > MAX_OCCURRENCES) {
    throw new HubError(
      "invalid_input",
      { message: `A repeating booking happens at most ${MAX_OCCURRENCES} times: choose an earlier end date` },
      { field: "repeat.until" },
    );
  }
  return dates.map((day) => {
    // The same wall-clock time on each date, whatever the clock change did in between.
    const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: first.hour, minute: first.minute }, { zone: timeZone });
    return { date: at.toISODate()!, start: at, end: at.plus({ milliseconds: durationMs }) };
  });
}

export type PatternedRecurrence = {
  pattern: { type: "weekly" | "absoluteMonthly"; interval: 1; daysOfWeek?: string[]; firstDayOfWeek?: string; dayOfMonth?: number };
  range: { type: "numbered" | "endDate"; startDate: string; endDate?: string; numberOfOccurrences?: number; recurrenceTimeZone: string };
};

/** The recurrence Outlook is sent for a repeat starting at `start` (Graph's patternedRecurrence). */
export function patternedRecurrence(start: DateTime, timeZone: string, repeat: Repeat): PatternedRecurrence {
  const first = start.setZone(timeZone);
  const pattern: PatternedRecurrence["pattern"] =
    repeat.frequency === "monthly"
      ? { type: "absoluteMonthly", interval: 1, dayOfMonth: first.day }
      : {
          type: "weekly",
          interval: 1,
          daysOfWeek: repeat.frequency === "weekdays" ? WEEKDAY_NAMES.slice(0, 5) : [WEEKDAY_NAMES[first.weekday - 1]!],
          firstDayOfWeek: "monday",
        };
  const range: PatternedRecurrence["range"] =
    repeat.count !== undefined
      ? { type: "numbered", startDate: first.toISODate()!, numberOfOccurrences: repeat.count, recurrenceTimeZone: timeZone }
      : { type: "endDate", startDate: first.toISODate()!, endDate: repeat.until!, recurrenceTimeZone: timeZone };
  return { pattern, range };
}

const ordinal = (day: number) => {
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[day % 10] ?? "th";
  return `${day}${suffix}`;
};

/** "Every week on Tuesday", "Every weekday", "Every month on the 31st (the last day of shorter months)". */
export function frequencyWords(frequency: RepeatFrequency, first: DateTime): string {
  if (frequency === "weekdays") return "Every weekday";
  if (frequency === "weekly") return `Every week on ${first.toFormat("cccc")}`;
  return `Every month on the ${ordinal(first.day)}${first.day > 28 ? " (the last day of shorter months)" : ""}`;
}

/** "Every week on Tuesday, 10 times" or "Every weekday until Friday 29 January 2027". */
export function repeatWords(start: DateTime, timeZone: string, repeat: Repeat): string {
  const first = start.setZone(timeZone);
  const ends = repeat.count !== undefined ? `${repeat.count} times` : `until ${DateTime.fromISO(repeat.until!).toFormat("cccc d MMMM yyyy")}`;
  return `${frequencyWords(repeat.frequency, first)}, ${ends}`;
}

/** Dates in spans Microsoft reads at once (getSchedule takes less than 62 days): each span at most `maxDays` long. */
export function spansOf<T extends { start: DateTime; end: DateTime }>(dates: T[], maxDays = 60): T[][] {
  const spans: T[][] = [];
  for (const date of [...dates].sort((a, b) => a.start.toMillis() - b.start.toMillis())) {
    const span = spans.at(-1);
    if (span && date.end.diff(span[0]!.start, "days").days <= maxDays) span.push(date);
    else spans.push([date]);
  }
  return spans;
}
