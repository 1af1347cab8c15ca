import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { occurrencesOf, patternedRecurrence, repeatSchema, repeatWords } from "./repeat";

const ZONE = "Europe/London";
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const dates = (start: string, end: string, repeat: Parameters<typeof occurrencesOf>[3]) =>
  occurrencesOf(at(start), at(end), ZONE, repeat).map((occurrence) => `${occurrence.date} ${occurrence.start.toUTC().toFormat("HH:mm")}Z`);

describe("the dates a booking repeats on", () => {
  it("keeps 10:00 London time every week across the clock change (10:00 GMT, then 09:00 UTC)", () => {
    expect(dates("2027-03-16T10:00", "2027-03-16T11:00", { frequency: "weekly", count: 3 })).toEqual([
      "2027-03-16 10:00Z",
      "2027-03-23 10:00Z",
      "2027-03-30 09:00Z",
    ]);
  });

  it("skips weekends for every weekday, and stops at the end date (inclusive)", () => {
    expect(dates("2027-01-07T09:00", "2027-01-07T09:30", { frequency: "weekdays", until: "2027-01-12" })).toEqual([
      "2027-01-07 09:00Z",
      "2027-01-08 09:00Z",
      "2027-01-11 09:00Z",
      "2027-01-12 09:00Z",
    ]);
  });

  it("puts the 31st on the last day of shorter months, as Exchange does", () => {
    expect(dates("2027-01-31T14:00", "2027-01-31T15:00", { frequency: "monthly", count: 4 }).map((date) => date.slice(0, 10))).toEqual([
      "2027-01-31",
      "2027-02-28",
      "2027-03-31",
      "2027-04-30",
    ]);
  });

  it("keeps each date's length", () => {
    const [first, second] = occurrencesOf(at("2027-03-23T16:00"), at("2027-03-23T18:30"), ZONE, { frequency: "weekly", count: 2 });
    expect(second!.end.diff(second!.start, "minutes").minutes).toBe(150);
    expect(first!.end.toISO()).toBe(at("2027-03-23T18:30").toISO());
  });

  it("refuses more than 52 dates, an end before the start, and every weekday from a Saturday — naming the field", () => {
    expect(() => dates("2027-01-04T09:00", "2027-01-04T10:00", { frequency: "weekdays", until: "2027-06-01" })).toThrow(
      expect.objectContaining({ code: "invalid_input", field: "repeat.until", message: expect.stringContaining("at most 52 times") }),
    );
    expect(() => dates("2027-01-04T09:00", "2027-01-04T10:00", { frequency: "weekly", until: "2027-01-04" })).toThrow(
      expect.objectContaining({ field: "repeat.until", message: "The end date must be after the first date" }),
    );
    expect(() => dates("2027-01-09T09:00", "2027-01-09T10:00", { frequency: "weekdays", count: 5 })).toThrow(expect.objectContaining({ field: "repeat.frequency" }));
    expect(dates("2027-01-04T09:00", "2027-01-04T10:00", { frequency: "weekly", count: 52 })).toHaveLength(52);
  });
});

describe("what Outlook is sent", () => {
  it("a weekly series on the first date's weekday, numbered, in the site's time zone", () => {
    expect(patternedRecurrence(at("2027-01-05T10:00"), ZONE, { frequency: "weekly", count: 10 })).toEqual({
      pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"], firstDayOfWeek: "monday" },
      range: { type: "numbered", startDate: "2027-01-05", numberOfOccurrences: 10, recurrenceTimeZone: ZONE },
    });
  });

  it("weekdays and monthly series ending on a date", () => {
    expect(patternedRecurrence(at("2027-01-05T10:00"), ZONE, { frequency: "weekdays", until: "2027-02-05" })).toEqual({
      pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], firstDayOfWeek: "monday" },
      range: { type: "endDate", startDate: "2027-01-05", endDate: "2027-02-05", recurrenceTimeZone: ZONE },
    });
    expect(patternedRecurrence(at("2027-01-31T10:00"), ZONE, { frequency: "monthly", count: 3 }).pattern).toEqual({ type: "absoluteMonthly", interval: 1, dayOfMonth: 31 });
  });
});

describe("the repeat as input and in words", () => {
  it("needs exactly one of an end date and a number of times", () => {
    const both = repeatSchema.safeParse({ frequency: "weekly", until: "2027-02-01", count: 3 });
    expect(both.success ? [] : both.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["until", "Choose when it ends: on a date, or after a number of times"],
    ]);
    expect(repeatSchema.safeParse({ frequency: "weekly", count: 53 }).error?.issues[0]?.message).toBe("A repeating booking happens at most 52 times");
    expect(repeatSchema.safeParse({ frequency: "yearly", count: 3 }).error?.issues[0]?.message).toBe("Choose how often it repeats");
  });

  it("reads as people say it", () => {
    expect(repeatWords(at("2027-01-05T10:00"), ZONE, { frequency: "weekly", count: 10 })).toBe("Every week on Tuesday, 10 times");
    expect(repeatWords(at("2027-01-31T10:00"), ZONE, { frequency: "monthly", until: "2027-06-30" })).toBe(
      "Every month on the 31st (the last day of shorter months), until Wednesday 30 June 2027",
    );
    expect(repeatWords(at("2027-01-22T10:00"), ZONE, { frequency: "monthly", count: 2 })).toBe("Every month on the 22nd, 2 times");
  });
});
