import { DateTime } from "luxon";
import { STATUS_WORDS, type DayPlan } from "@/lib/resources/day-view";

/** The day's times that cannot be booked, as text with the reason: read out, never shown as disabled choices. */
export function UnavailableTimes({ day, zone }: { day: DayPlan; zone: string }) {
  if (day.unavailable.length === 0) return null;
  const time = (iso: string) => DateTime.fromISO(iso, { zone }).toFormat("HH:mm");
  return (
    <div className="mb-8" data-testid="unavailable-times">
      <h3 className="!mb-2 text-lg">Times that cannot be booked</h3>
      <ul className="list-disc space-y-1 pl-6 text-base">
        {day.unavailable.map((range) => (
          <li key={range.start} data-status={range.status}>
            {day.closedReason ? "All day" : `${time(range.start)} to ${time(range.end)}`}: {STATUS_WORDS[range.status]}
            {range.reason && range.reason !== "Outside opening hours" ? ` (${range.reason})` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
