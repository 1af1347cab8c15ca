import { z } from "zod";
import type { BenchWeek } from "./hub-calls";
import type { Room } from "./seed";

/**
 * The naive way to get a week of availability, for comparison: one calendarView per calendar, one after another,
 * Graph's default page size (no $top: 10 events a page), every @odata.nextLink followed, whole events (no $select).
 * It is what a first integration does; the bench makes these requests itself, straight to the emulator, with an
 * app-only token of the same app the hub uses.
 */
const pageSchema = z.object({ value: z.array(z.object({ id: z.string() }).loose()), "@odata.nextLink": z.string().optional() });

export async function naiveAvailability(graphUrl: string, token: string, rooms: Room[], week: BenchWeek): Promise<void> {
  const window = new URLSearchParams({
    startDateTime: week.monday.toUTC().toISO()!,
    endDateTime: week.monday.plus({ weeks: 1 }).toUTC().toISO()!,
  });
  for (const room of rooms) {
    let url: string | undefined = `${graphUrl}/v1.0/users/${encodeURIComponent(room.email)}/calendars/${encodeURIComponent(room.calendarId)}/calendarView?${window}`;
    let events = 0;
    while (url) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`The baseline's calendarView for ${room.email} answered ${response.status}: ${await response.text()}`);
      const page = pageSchema.parse(await response.json());
      events += page.value.length;
      url = page["@odata.nextLink"];
    }
    if (events === 0) throw new Error(`The baseline read no events for ${room.email}`);
  }
}
