import { DateTime } from "luxon";
import type { Availability, SlotStatus } from "./availability";

/** The booking page's week: Monday to Sunday in the site's time zone, shown between opening hours. */
export const DAY_STARTS_AT = 8;
export const DAY_ENDS_AT = 18;
export const SLOT_MINUTES = 30;

export type Week = { monday: DateTime; start: DateTime; end: DateTime; days: DateTime[]; previous: string; next: string; label: string };

/** Any date in the week ("2026-12-02") → that week; anything else → the current week. */
export function weekOf(value: string | undefined, timeZone: string, now = DateTime.now()): Week {
  const parsed = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: timeZone }) : null;
  const day = parsed?.isValid ? parsed : now.setZone(timeZone);
  const monday = day.startOf("week");
  const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }));
  return {
    monday,
    start: monday,
    end: monday.plus({ weeks: 1 }),
    days,
    previous: monday.minus({ weeks: 1 }).toISODate()!,
    next: monday.plus({ weeks: 1 }).toISODate()!,
    label: `${monday.toFormat("d MMMM")} to ${monday.plus({ days: 6 }).toFormat("d MMMM yyyy")}`,
  };
}

export type GridCell = { start: string; end: string; status: SlotStatus; label: string };
export type GridRow = { time: string; cells: GridCell[] };

/** Availability slots arranged as rows (times of day) by columns (days), within opening hours. */
export function weekGrid(week: Week, availability: Availability, timeZone: string): GridRow[] {
  const byStart = new Map(availability.slots.map((slot) => [DateTime.fromISO(slot.start).toMillis(), slot]));
  const rows: GridRow[] = [];
  for (let minutes = DAY_STARTS_AT * 60; minutes < DAY_ENDS_AT * 60; minutes += SLOT_MINUTES) {
    const cells = week.days.map((day) => {
      // Local wall-clock time, so 09:00 stays 09:00 on both sides of a clock change.
      const start = day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
      const end = start.plus({ minutes: SLOT_MINUTES });
      const slot = byStart.get(start.toMillis());
      return {
        start: start.toISO({ suppressMilliseconds: true })!,
        end: end.toISO({ suppressMilliseconds: true })!,
        status: slot?.status ?? "unknown",
        label: `${start.setZone(timeZone).toFormat("cccc d MMMM, HH:mm")} to ${end.setZone(timeZone).toFormat("HH:mm")}`,
      };
    });
    rows.push({ time: cells[0] ? DateTime.fromISO(cells[0].start, { zone: timeZone }).toFormat("HH:mm") : "", cells });
  }
  return rows;
}
