import { describe, expect, it } from "vitest";
import { bookingInWords, cancelScopeWords, dayOf, durationInWords, whenInWords } from "./booking-words";

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

  it("names a booking by its resource and start, for the links that repeat on every booking", () => {
    expect(bookingInWords("Room 1", "2027-01-12T10:00:00.000+00:00")).toBe("Room 1 on Tuesday 12 January at 10:00");
  });

  it("says durations the way the Duration choices do", () => {
    expect([30, 60, 90, 120, 150].map(durationInWords)).toEqual(["30 minutes", "1 hour", "1 hour 30 minutes", "2 hours", "2 hours 30 minutes"]);
  });

  it("words a series' Cancel choices for the date: the rest of the series from the first date left, every date left from a later one", () => {
    const dates = ["05", "12", "19"].map((day) => ({ id: `b${day}`, start: `2027-01-${day}T10:00:00.000+00:00` }));
    const series = { id: "s1", repeat: "Every week on Tuesday", dates };
    expect(cancelScopeWords({ id: "b05", start: dates[0]!.start, series })).toEqual({
      booking: { label: "Only this date (Tuesday 5 January 2027)" },
      series: { label: "This date and the rest of the series", hint: "3 dates, Tuesday 5 January 2027 to Tuesday 19 January 2027" },
    });
    expect(cancelScopeWords({ id: "b12", start: dates[1]!.start, series })?.series).toEqual({
      label: "Every date left in the series",
      hint: "3 dates, Tuesday 5 January 2027 to Tuesday 19 January 2027, including dates before this one",
    });
    // Not a series, or the last date left of one: nothing to choose.
    expect(cancelScopeWords({ id: "b1", start: dates[0]!.start, series: null })).toBeUndefined();
    expect(cancelScopeWords({ id: "b19", start: dates[2]!.start, series: { ...series, dates: [dates[2]!] } })).toBeUndefined();
  });
});
