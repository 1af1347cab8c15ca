import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { addDays, atWallClock, fromGraphDateTime, graphDateTimeMs, isoAt, isoIn, localDayAt, localDaysBetween, parseInstant, toGraphDateTime } from "./time";

describe("time zones across the Europe/London clock changes", () => {
  it("reads Graph's zone-less times with their label, not as local time", () => {
    // 29 March 2026: the clocks go forward at 01:00 UTC.
    expect(fromGraphDateTime({ dateTime: "2026-03-29T00:30:00.0000000", timeZone: "UTC" }).toUTC().toISO()).toBe("2026-03-29T00:30:00.000Z");
    expect(fromGraphDateTime({ dateTime: "2026-03-29T09:00:00.0000000", timeZone: "Europe/London" }).toUTC().toISO()).toBe("2026-03-29T08:00:00.000Z");
    expect(fromGraphDateTime({ dateTime: "2026-03-28T09:00:00.0000000", timeZone: "GMT Standard Time" }).toUTC().toISO()).toBe("2026-03-28T09:00:00.000Z");
    // 25 October 2026: back to GMT.
    expect(fromGraphDateTime({ dateTime: "2026-10-25T09:00:00.0000000", timeZone: "Europe/London" }).toUTC().toISO()).toBe("2026-10-25T09:00:00.000Z");
    expect(fromGraphDateTime({ dateTime: "2026-10-24T09:00:00.0000000", timeZone: "Europe/London" }).toUTC().toISO()).toBe("2026-10-24T08:00:00.000Z");
  });

  it("refuses a zone label it does not know rather than reading the time as UTC", () => {
    expect(() => fromGraphDateTime({ dateTime: "2026-03-28T09:00:00.0000000", timeZone: "Mars Standard Time" })).toThrow(
      expect.objectContaining({ code: "unknown_time_zone" }),
    );
  });

  it("writes an instant in the requested zone with that zone's label", () => {
    const instant = DateTime.fromISO("2026-07-01T08:00:00Z");
    expect(toGraphDateTime(instant, "Europe/London")).toEqual({ dateTime: "2026-07-01T09:00:00", timeZone: "Europe/London" });
    expect(isoIn(instant, "Europe/London")).toBe("2026-07-01T09:00:00+01:00");
    expect(isoIn(DateTime.fromISO("2026-12-01T09:00:00Z"), "Europe/London")).toBe("2026-12-01T09:00:00+00:00");
  });

  it("parses local times in the zone and instants with offsets", () => {
    const summer = parseInstant("2026-07-01T09:00", "Europe/London");
    expect(summer.ok && summer.instant.toUTC().toISO()).toBe("2026-07-01T08:00:00.000Z");
    const explicit = parseInstant("2026-07-01T09:00:00Z", "Europe/London");
    expect(explicit.ok && explicit.instant.toUTC().toISO()).toBe("2026-07-01T09:00:00.000Z");
  });

  it("refuses a local time that the clocks skip", () => {
    expect(parseInstant("2026-03-29T01:30", "Europe/London")).toEqual({ ok: false, message: "does not exist in Europe/London (the clocks go forward then)" });
    expect(parseInstant("not a date", "Europe/London").ok).toBe(false);
  });
});

describe("the fast paths used for availability", () => {
  it("format exactly as isoIn does, across clock changes and odd offsets", () => {
    const zones = ["Europe/London", "UTC", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham"];
    const start = DateTime.fromISO("2026-03-28T00:00:00Z").toMillis();
    for (const zone of zones) {
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000 + 30_000) {
        expect(isoAt(ms, zone)).toBe(isoIn(DateTime.fromMillis(ms), zone));
      }
    }
    expect(isoAt(Date.parse("2026-10-25T01:30:00.250Z"), "Europe/London")).toBe("2026-10-25T01:30:00.250+00:00");
  });

  it("tell local days and wall-clock times as Luxon does, with 23- and 25-hour days at the clock changes", () => {
    for (const zone of ["Europe/London", "America/Santiago", "Australia/Lord_Howe", "UTC"]) {
      const start = DateTime.fromISO("2026-03-20T12:00:00Z").toMillis();
      const days = localDaysBetween(start, start + 240 * 86_400_000, zone);
      expect(days).toHaveLength(241);
      for (const day of days) {
        const luxon = DateTime.fromISO(day.date, { zone });
        expect([day.start, day.end, day.weekday]).toEqual([luxon.toMillis(), luxon.plus({ days: 1 }).toMillis(), luxon.weekday]);
        expect(atWallClock(day, "08:30")).toBe(luxon.set({ hour: 8, minute: 30 }).toMillis());
      }
    }
    const london = localDaysBetween(Date.parse("2026-03-28T12:00:00Z"), Date.parse("2026-10-26T00:00:00Z"), "Europe/London");
    expect((london[1]!.end - london[1]!.start) / 3600_000).toBe(23);
    expect((london.at(-1)!.end - london.at(-1)!.start) / 3600_000).toBe(25);
    expect(localDayAt(Date.parse("2026-06-30T23:30:00Z"), "Europe/London").date).toBe("2026-07-01");
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
  });

  it("read Graph's times as fromGraphDateTime does", () => {
    for (const value of [
      { dateTime: "2026-03-29T00:30:00.0000000", timeZone: "UTC" },
      { dateTime: "2026-03-29T09:00:00.0000000", timeZone: "Europe/London" },
      { dateTime: "2026-03-28T09:00:00", timeZone: "GMT Standard Time" },
      { dateTime: "2026-03-28T09:00:00.1234567", timeZone: "UTC" },
    ]) {
      expect(graphDateTimeMs(value)).toBe(fromGraphDateTime(value).toMillis());
    }
  });
});
