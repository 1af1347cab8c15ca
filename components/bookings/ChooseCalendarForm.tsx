import Form from "next/form";
import Link from "next/link";
import { TextField } from "@/components/ui/fields";
import type { CalendarInfo } from "@/lib/integrations/office365/calendar/calendars";
import type { CalendarOwner } from "@/lib/integrations/office365/calendar/directory";

/** Which calendar and which week: a GET form, so every view has its own address and works without JavaScript. */
export function ChooseCalendarForm({
  owners,
  calendars,
  selected,
  otherCalendars,
  mailboxError,
}: {
  owners: CalendarOwner[];
  calendars: CalendarInfo[] | null;
  selected: { source?: string; mailbox?: string; calendar?: string; week: string };
  /** When one calendar is shown without listing the others: where to list them. */
  otherCalendars?: string;
  /** The hub's message for a wrong address. The form is noValidate: the browser's own bubble would vanish at the next
   * key press, in the browser's style, and skip the page's error summary. */
  mailboxError?: string;
}) {
  const owner = owners.find((candidate) => candidate.id === selected.source);
  return (
    // next/form navigates in place (with the loading state) when JavaScript runs, and is a plain GET form otherwise.
    <Form action="/bookings" noValidate className="mb-8 grid max-w-3xl gap-x-6 sm:grid-cols-2" aria-label="Choose a calendar">
      <div className="mb-6">
        <label htmlFor="source" className="mb-1 block font-bold">
          Account or mailbox
        </label>
        <select id="source" name="source" defaultValue={selected.source ?? ""} className="hub-input">
          <option value="" disabled>
            Choose one
          </option>
          {owners.map((candidate) => (
            <option key={candidate.id} value={candidate.id} disabled={candidate.status !== "connected"}>
              {candidate.displayName ? `${candidate.displayName} (${candidate.email})` : candidate.email}
              {candidate.access === "application" ? " – application access" : ""}
              {candidate.status !== "connected" ? " – reconnect required" : ""}
            </option>
          ))}
        </select>
      </div>
      <TextField
        name="mailbox"
        label="Shared mailbox (optional)"
        hint="A room or team mailbox whose calendar is shared with the account"
        type="email"
        spellCheck={false}
        defaultValue={selected.mailbox ?? ""}
        disabled={owner?.access === "application"}
        error={mailboxError}
      />
      {calendars ? (
        <div className="mb-6">
          <label htmlFor="calendar" className="mb-1 block font-bold">
            Calendar
          </label>
          <select id="calendar" name="calendar" defaultValue={selected.calendar ?? calendars.find((calendar) => calendar.isDefault)?.id} className="hub-input">
            {calendars.map((calendar) => (
              <option key={calendar.id} value={calendar.id}>
                {calendar.name}
                {calendar.owner.address ? ` (${calendar.owner.address})` : ""}
                {calendar.canEdit ? "" : " – read only"}
              </option>
            ))}
          </select>
          {otherCalendars ? (
            <p className="mt-2 text-base">
              <Link href={otherCalendars} className="hub-link">
                Choose another calendar
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="mb-6">
        <label htmlFor="week" className="mb-1 block font-bold">
          Week beginning
        </label>
        <input id="week" name="week" type="date" defaultValue={selected.week} className="hub-input" />
      </div>
      <div className="sm:col-span-2">
        <button type="submit" className="hub-button hub-button-secondary">
          {calendars ? "Show availability" : "Show calendars"}
        </button>
      </div>
    </Form>
  );
}
