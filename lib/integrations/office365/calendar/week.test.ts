import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Availability } from "./availability";
import { weekGrid, weekOf } from "./week";

describe("the booking page's week", () => {
  it("runs Monday to Sunday in the site's zone, whatever day is asked for", () => {
    const week = weekOf("2026-10-28", "Europe/London");
    expect(week.monday.toISO()).toBe("2026-10-26T00:00:00.000+00:00");
    expect(week.previous).toBe("2026-10-19");
    expect(week.next).toBe("2026-11-02");
  });

  it("keeps 09:00 at 09:00 local time across the October clock change", () => {
    // Week of 19 October 2026: the clocks go back on Sunday 25 October.
    const week = weekOf("2026-10-19", "Europe/London");
    const slots = [];
    for (let at = week.start; at < week.end; at = at.plus({ minutes: 30 })) {
      slots.push({ start: at.toISO()!, end: at.plus({ minutes: 30 }).toISO()!, status: "free" as const });
    }
    const availability: Availability = { timeZone: "Europe/London", slotMinutes: 30, slots, calendars: [] };
    const nine = weekGrid(week, availability, "Europe/London").find((row) => row.time === "09:00")!;
    expect(nine.cells.map((cell) => DateTime.fromISO(cell.start).toUTC().toFormat("ccc HH:mm"))).toEqual([
      "Mon 08:00", "Tue 08:00", "Wed 08:00", "Thu 08:00", "Fri 08:00", "Sat 08:00", "Sun 09:00",
    ]);
    expect(nine.cells.every((cell) => cell.status === "free")).toBe(true);
    expect(nine.cells[6]?.label).toBe("Sunday 25 October, 09:00 to 09:30");
  });

  it("shows a slot Microsoft gave no answer for as unknown, never free", () => {
    const week = weekOf("2026-11-30", "Europe/London");
    const grid = weekGrid(week, { timeZone: "Europe/London", slotMinutes: 30, slots: [], calendars: [] }, "Europe/London");
    expect(grid.flatMap((row) => row.cells).every((cell) => cell.status === "unknown")).toBe(true);
  });
});
