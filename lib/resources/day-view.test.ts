import { describe, expect, it } from "vitest";
import type { ResourceAvailability } from "./availability";
import { planDay } from "./day-view";

const ZONE = "Europe/London";
const answer = (periods: ResourceAvailability["periods"]): ResourceAvailability => ({ resourceId: "r", name: "Room", slotMinutes: 30, teams: false, status: "ok", periods });

describe("a day of the booking page, from the answer's periods", () => {
  it("offers each slot of a free period as a start time, and cuts periods that run over midnight to the date", () => {
    // A room open all day and night: free from Monday 22:00 to Tuesday 01:00, then a meeting.
    const room = answer([
      { start: "2027-01-04T22:00:00+00:00", end: "2027-01-05T01:00:00+00:00", status: "free" },
      { start: "2027-01-05T01:00:00+00:00", end: "2027-01-05T02:00:00+00:00", status: "busy" },
    ]);
    const tuesday = planDay(room, "2027-01-05", ZONE);
    expect(tuesday.free.map((slot) => [slot.start, slot.end])).toEqual([
      ["2027-01-05T00:00:00+00:00", "2027-01-05T00:30:00+00:00"],
      ["2027-01-05T00:30:00+00:00", "2027-01-05T01:00:00+00:00"],
    ]);
    expect(tuesday.unavailable).toEqual([{ start: "2027-01-05T01:00:00+00:00", end: "2027-01-05T02:00:00+00:00", status: "busy" }]);
    expect(tuesday.opens).toBe("00:00");
    expect(planDay(room, "2027-01-04", ZONE).free.map((slot) => slot.start)).toEqual(["2027-01-04T22:00:00+00:00", "2027-01-04T22:30:00+00:00", "2027-01-04T23:00:00+00:00", "2027-01-04T23:30:00+00:00"]);
  });

  it("shows a closure of several days on each of them, and the places left on each free slot", () => {
    const closed = answer([{ start: "2026-12-24T00:00:00+00:00", end: "2026-12-29T00:00:00+00:00", status: "closed", reason: "Christmas closure" }]);
    for (const date of ["2026-12-24", "2026-12-27", "2026-12-28"]) expect(planDay(closed, date, ZONE)).toMatchObject({ free: [], opens: null, closedReason: "Christmas closure" });

    const hall = answer([
      { start: "2027-01-05T00:00:00+00:00", end: "2027-01-05T09:00:00+00:00", status: "closed", reason: "Outside opening hours" },
      { start: "2027-01-05T09:00:00+00:00", end: "2027-01-05T10:00:00+00:00", status: "free", placesLeft: 3 },
      { start: "2027-01-05T10:00:00+00:00", end: "2027-01-06T00:00:00+00:00", status: "closed", reason: "Outside opening hours" },
    ]);
    expect(planDay(hall, "2027-01-05", ZONE)).toMatchObject({ free: [{ placesLeft: 3 }, { placesLeft: 3 }], unavailable: [], opens: "09:00", closes: "10:00", closedReason: null });
  });
});
