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
    <table className="w-full border-collapse text-left text-base" data-testid="week-events">
      <caption className="sr-only">Events this week</caption>
      <thead>
        <tr className="border-b border-line">
          <th scope="col" className="py-2 pr-4">When</th>
          <th scope="col" className="py-2 pr-4">Event</th>
          <th scope="col" className="py-2">Shows as</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => {
          const start = DateTime.fromISO(event.start, { setZone: true });
          const end = DateTime.fromISO(event.end, { setZone: true });
          return (
            <tr key={event.id} className="border-b border-line" data-testid="week-event">
              <td className="py-2 pr-4 whitespace-nowrap">
                {event.isAllDay
                  ? `${start.toFormat("ccc d MMM")}, all day`
                  : `${start.toFormat("ccc d MMM, HH:mm")} to ${end.hasSame(start, "day") ? end.toFormat("HH:mm") : end.toFormat("ccc d MMM, HH:mm")}`}
              </td>
              <th scope="row" className="py-2 pr-4 font-normal">
                {event.subject || <span className="text-muted">(no subject)</span>}
                {event.isCancelled ? <strong className="ml-2">Cancelled</strong> : null}
                {event.type === "occurrence" ? <span className="ml-2 text-muted">(repeats)</span> : null}
              </th>
              <td className="py-2">{event.isCancelled ? "Free (cancelled)" : SHOW_AS[event.showAs]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
