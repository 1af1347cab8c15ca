import { DateTime } from "luxon";
import type { CalendarEvent } from "@/lib/integrations/office365/calendar/events";

const SHOW_AS: Record<CalendarEvent["showAs"], string> = {
  free: "Free",
  tentative: "Tentative",
  busy: "Busy",
  oof: "Out of office",
  workingElsewhere: "Working elsewhere",
  unknown: "Unknown",
};

/** Every event of the week, as Microsoft holds it, in the site's time zone. */
export function WeekEvents({ events }: { events: CalendarEvent[] }) {
  if (events.length === 0) return <p data-testid="no-events">There are no events in this calendar this week.</p>;
  return (
    <table className="hub-table text-base" data-testid="week-events">
      <caption className="sr-only">Events this week</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Event</th>
          <th scope="col">Shows as</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const start = DateTime.fromISO(event.start, { setZone: true });
          const end = DateTime.fromISO(event.end, { setZone: true });
          return (
            <tr key={event.id} data-testid="week-event">
              <td data-label="When">
                {event.isAllDay
                  ? `${start.toFormat("ccc d MMM")}, all day`
                  : `${start.toFormat("ccc d MMM, HH:mm")} to ${end.hasSame(start, "day") ? end.toFormat("HH:mm") : end.toFormat("ccc d MMM, HH:mm")}`}
              </td>
              <th scope="row" className="font-normal" data-label="Event">
                {event.subject || <span className="text-muted">(no subject)</span>}
                {event.isCancelled ? <strong className="ml-2">Cancelled</strong> : null}
                {event.type === "occurrence" ? <span className="ml-2 text-muted">(repeats)</span> : null}
              </th>
              <td data-label="Shows as">{event.isCancelled ? "Free (cancelled)" : SHOW_AS[event.showAs]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
