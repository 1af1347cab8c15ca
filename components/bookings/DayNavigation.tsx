import { ProgressLink, ProgressSubmit } from "@/components/ui/Pending";
import Form from "next/form";
import { DateInput, dateParts } from "@/components/ui/DateInput";
import { dateInWords, shiftDate } from "@/lib/resources/day-view";
import { DateTime } from "luxon";

/**
 * Which day: GOV.UK's date input (a GET form, so every day has its own address and works without JavaScript), the
 * previous and next day, and the next seven days as quick links.
 */
export function DayNavigation({ resourceId, date, today, error }: { resourceId: string; date: string; today: string; error?: string }) {
  const link = (day: string) => `/bookings?${new URLSearchParams({ resource: resourceId, date: day })}`;
  const nextSeven = Array.from({ length: 7 }, (_, i) => shiftDate(today, i));
  return (
    <nav aria-label="Days" className="mb-8">
      <Form action="/bookings" className="mb-4">
        <input type="hidden" name="resource" value={resourceId} />
        <DateInput name="on" legend="Date" hint="For example, 27 3 2027" value={dateParts(date)} error={error} />
        <ProgressSubmit className="hub-button hub-button-secondary">Show times</ProgressSubmit>
      </Form>
      <p className="mb-4 flex flex-wrap gap-x-6 gap-y-2">
        <ProgressLink href={link(shiftDate(date, -1))} className="hub-link" data-testid="previous-day">
          Previous day<span className="sr-only">: {dateInWords(shiftDate(date, -1))}</span>
        </ProgressLink>
        <ProgressLink href={link(shiftDate(date, 1))} className="hub-link" data-testid="next-day">
          Next day<span className="sr-only">: {dateInWords(shiftDate(date, 1))}</span>
        </ProgressLink>
      </p>
      <h3 className="!mb-2 text-lg">The next 7 days</h3>
      <ul className="flex flex-wrap gap-x-4 gap-y-2 text-base">
        {nextSeven.map((day) => (
          <li key={day}>
            <ProgressLink href={link(day)} className="hub-link" aria-current={day === date ? "date" : undefined}>
              {DateTime.fromISO(day).toFormat("ccc d MMM")}
            </ProgressLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
