import Form from "next/form";
import { DateInput, dateParts } from "@/components/ui/DateInput";
import { ProgressLink, ProgressSubmit } from "@/components/ui/Pending";
import { dateInWords, shiftDate } from "@/lib/resources/day-view";

/**
 * Which day to move a booking to: GOV.UK's date input (a GET form: each day has its own address and works without
 * JavaScript), and the previous and next day. `fields` carry where the user came from.
 */
export function ChangeDayNavigation({ path, date, fields, error }: { path: string; date: string; fields: Record<string, string>; error?: string }) {
  const link = (day: string) => `${path}?${new URLSearchParams({ ...fields, date: day })}`;
  return (
    <nav aria-label="Days" className="mb-8">
      <Form action={path} className="mb-4">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <DateInput name="on" legend="Date" hint="For example, 27 3 2027" value={dateParts(date)} error={error} />
        <ProgressSubmit className="hub-button hub-button-secondary">Show times</ProgressSubmit>
      </Form>
      <p className="flex flex-wrap gap-x-6 gap-y-2">
        <ProgressLink href={link(shiftDate(date, -1))} className="hub-link" data-testid="previous-day">
          Previous day<span className="sr-only">: {dateInWords(shiftDate(date, -1))}</span>
        </ProgressLink>
        <ProgressLink href={link(shiftDate(date, 1))} className="hub-link" data-testid="next-day">
          Next day<span className="sr-only">: {dateInWords(shiftDate(date, 1))}</span>
        </ProgressLink>
      </p>
    </nav>
  );
}
