import "server-only";
import type { DateTime } from "luxon";
import { HubError } from "../../../errors";
import { SingleFlight } from "../../../single-flight";
import { graphError } from "../microsoft-errors";
import { availabilityFrom, type Answer, type Availability } from "./availability";
import { readCalendar, type CalendarInfo } from "./calendars";
import { readCalendarView, type CalendarEvent } from "./events";
import { graphFor, resolveSource, type CalendarSource, type SourceRef } from "./sources";

/**
 * What the booking page shows for a calendar it already knows, in one round trip: the calendar's name and rights,
 * and its events over the week (two requests in parallel). Free and busy are worked out from those same events, so
 * the calendar is read once. When the events cannot be read, the week is unknown (failing closed) and `events` null.
 */
export type CalendarWeek = { calendar: CalendarInfo; availability: Availability; events: CalendarEvent[] | null };

type WeekRequest = SourceRef & { calendarId: string; start: DateTime; end: DateTime; timeZone: string; slotMinutes: number };

// Many people opening the same calendar's week at once share one read while it is in flight.
const sharedWeeks = new SingleFlight<CalendarWeek>();

export async function readCalendarWeek(input: WeekRequest): Promise<CalendarWeek> {
  const source = await resolveSource(input);
  const key = [source.key, input.calendarId, input.start.toMillis(), input.end.toMillis(), input.timeZone, input.slotMinutes].join("|");
  return sharedWeeks.run(key, () => readWeek(source, input));
}

async function readWeek(source: CalendarSource, input: WeekRequest): Promise<CalendarWeek> {
  const [calendar, events] = await Promise.all([
    readCalendar(source, input.calendarId),
    graphFor(source, (client) => readCalendarView(client, source, input.calendarId, input.start, input.end, input.timeZone), {
      permission: source.readPermission,
      subject: `the calendar of ${source.label}`,
    }).catch((error: unknown) => (error instanceof HubError ? error : graphError(error))),
  ]);
  const answer: Answer =
    events instanceof HubError
      ? { error: events }
      : {
          intervals: events
            .filter(({ event }) => !event.isCancelled)
            .map(({ event, startInstant, endInstant }) => ({ start: startInstant.toMillis(), end: endInstant.toMillis(), status: event.showAs, eventId: event.id })),
        };
  const availability = availabilityFrom(input, [{ calendar: { ref: input, requested: [0], source }, answer }]);
  return { calendar, availability, events: events instanceof HubError ? null : events.map(({ event }) => event) };
}
