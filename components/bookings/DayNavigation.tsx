import { ProgressLink, ProgressSubmit } from "@/components/ui/Pending";
import Form from "next/form";
import { DateInput, dateParts } from "@/components/ui/DateInput";
import { dateInWords, shiftDate } from "@/lib/resources/day-view";
import { DateTime } from "luxon";

/**
 * Which day: GOV.UK's date input (a GET form, so every day has its own address and works without JavaScript), the
 * previous and next day, and the next seven days as quick links. `path` is the page showing the day (the booking
 * page, or a booking's Change time page); `fields` what else its address carries (the resource, where to go back to).
 */
export function DayNavigation({ path, fields, date, today, error }: { path: string; fields: Record<string, string>; date: string; today: string; error?: string }) {
  const link = (day: string) => `${path}?${new URLSearchParams({ ...fields, date: day })}`;
  const nextSeven = Array.from({ length: 7 }, (_, i) => shiftDate(today, i));
  return (
    <nav aria-label="Days" className="mb-8">
      <Form action={path} className="mb-4">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
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
