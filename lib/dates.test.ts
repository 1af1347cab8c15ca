import { describe, expect, it } from "vitest";
import { formatIsoDate, shiftIsoDate } from "./dates";

describe("dates in words", () => {
  it("writes a date the GOV.UK way, with its weekday when asked", () => {
    expect(formatIsoDate("2027-12-27")).toBe("27 December 2027");
    // Intl's en-GB puts a comma after the weekday; GOV.UK style has none.
    expect(formatIsoDate("2027-12-27", { weekday: true })).toBe("Monday 27 December 2027");
  });

  it("moves a date by years and days, across month, year and leap-day boundaries", () => {
    expect(shiftIsoDate("2026-12-01", { years: 1, days: -1 })).toBe("2027-11-30");
    expect(shiftIsoDate("2026-12-31", { days: 1 })).toBe("2027-01-01");
    expect(shiftIsoDate("2028-02-29", { years: 1, days: -1 })).toBe("2029-02-28");
    expect(shiftIsoDate("2027-03-01", { days: -1 })).toBe("2027-02-28");
  });
});
