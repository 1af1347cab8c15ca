import { describe, expect, it } from "vitest";
import { dayOf, durationInWords, whenInWords } from "./booking-words";

describe("a booking's time in words", () => {
  it("says the day once when it starts and ends on the same day, in the zone of its instants", () => {
    expect(whenInWords("2027-01-05T10:00:00.000+00:00", "2027-01-05T11:00:00.000+00:00")).toBe("Tuesday 5 January 2027, 10:00 to 11:00");
    expect(whenInWords("2027-07-06T09:30:00.000+01:00", "2027-07-06T10:00:00.000+01:00")).toBe("Tuesday 6 July 2027, 09:30 to 10:00");
  });

  it("names both days when it ends on another", () => {
    expect(whenInWords("2027-01-05T22:00:00.000+00:00", "2027-01-06T01:00:00.000+00:00")).toBe("Tuesday 5 January 2027, 22:00 to Wednesday 6 January 2027, 01:00");
  });

  it("gives a date of a series by its day", () => {
    expect(dayOf("2027-01-12T10:00:00.000+00:00")).toBe("Tuesday 12 January 2027");
  });

  it("says durations the way the Duration choices do", () => {
    expect([30, 60, 90, 120, 150].map(durationInWords)).toEqual(["30 minutes", "1 hour", "1 hour 30 minutes", "2 hours", "2 hours 30 minutes"]);
  });
});
