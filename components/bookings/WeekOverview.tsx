import { ProgressLink } from "@/components/ui/Pending";
import { DateTime } from "luxon";
import type { DayPlan } from "@/lib/resources/day-view";
import { closedSentence } from "@/lib/resources/rules";

/** Which days of the week have free time: a table of links to each day (never of radios). */
export function WeekOverview({ days, resourceId, current }: { days: DayPlan[]; resourceId: string; current: string }) {
  return (
    <table className="hub-table mb-8 text-base" data-testid="week-overview">
      <caption className="mb-2 text-left font-bold">This week</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Free times</th>
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <tr key={day.date} data-date={day.date}>
            <th scope="row" data-label="Day" className="font-normal">
              <ProgressLink
                href={`/bookings?${new URLSearchParams({ resource: resourceId, date: day.date })}`}
                className="hub-link"
                aria-current={day.date === current ? "date" : undefined}
              >
                {DateTime.fromISO(day.date).toFormat("cccc d MMMM")}
              </ProgressLink>
            </th>
            <td data-label="Free times">
              {day.closedReason
                ? closedSentence(day.closedReason)
                : day.free.length > 0
                  ? `${day.free.length} free time${day.free.length === 1 ? "" : "s"}`
                  : day.unavailable.some((range) => range.status === "unknown")
                    ? "Unknown"
                    : "No free times"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
