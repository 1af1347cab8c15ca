"use client";

import { useActionState } from "react";
import { bookSlot, type BookingFormState } from "@/app/bookings/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { GridRow } from "@/lib/integrations/office365/calendar/week";

const FIELDS = ["slot", "subject", "attendee", "location"] as const;

/** The week as a grid of slots: free ones are radio buttons (keyboard or click, no dragging), then the booking details. */
export function WeekBookingForm({
  rows,
  days,
  target,
  canEdit,
}: {
  rows: GridRow[];
  days: string[];
  target: { accountId: string; mailbox?: string; calendarId: string };
  canEdit: boolean;
}) {
  const [state, action] = useActionState<BookingFormState, FormData>(bookSlot, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...FIELDS.filter((field) => errors[field]).map((field) => ({ field: field === "slot" ? "slot-choice" : field, message: errors[field]! })),
  ];
  return (
    <>
      {state.status === "booked" && state.booked ? (
        <Banner kind="success" title={`Booked: ${state.booked.subject}`} testId="booking-confirmed" focus={state}>
          <p>{state.booked.when}</p>
          {state.booked.webLink ? (
            <p>
              <a href={state.booked.webLink} className="hub-link" target="_blank" rel="noopener noreferrer">
                Open it in Outlook<span className="sr-only"> (opens in a new tab)</span>
              </a>
            </p>
          ) : null}
        </Banner>
      ) : null}
      <ErrorSummary errors={summary} title={state.status === "failed" ? "The booking was not made" : "There is a problem"} />
      <form action={action} noValidate>
        <input type="hidden" name="accountId" value={target.accountId} />
        {target.mailbox ? <input type="hidden" name="mailbox" value={target.mailbox} /> : null}
        <input type="hidden" name="calendarId" value={target.calendarId} />
        {/* min-w-0: a fieldset is at least as wide as its content, which would stop the grid scrolling inside it on a phone. */}
        <fieldset className={`mb-8 min-w-0 ${errors.slot ? "border-l-4 border-danger pl-4" : ""}`} aria-describedby={errors.slot ? "slot-error" : undefined}>
          <legend className="mb-2 font-bold">Choose a free slot</legend>
          {errors.slot ? <ErrorMessage id="slot-error">{errors.slot}</ErrorMessage> : null}
          <div className="overflow-x-auto" id="slot-choice" tabIndex={-1}>
            <table className="w-full border-collapse text-center text-base" data-testid="week-grid">
              <caption className="sr-only">Free and busy half hours this week</caption>
              <thead>
                <tr>
                  <th scope="col" className="p-1">
                    <span className="sr-only">Time</span>
                  </th>
                  {days.map((day) => (
                    <th key={day} scope="col" className="p-1">
                      {day}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.time}>
                    <th scope="row" className="p-1 text-right font-normal">
                      {row.time}
                    </th>
                    {row.cells.map((cell) => (
                      <td key={cell.start} className="border border-line p-0" data-status={cell.status} data-start={cell.start}>
                        {cell.status === "free" && canEdit ? (
                          <label className="flex min-h-8 cursor-pointer items-center justify-center gap-1 bg-[#cce2d8] px-1 has-[:checked]:bg-ok has-[:checked]:text-white">
                            <input type="radio" name="slot" value={cell.start} className="size-6 accent-ink" aria-label={`${cell.label}, free`} />
                            <span aria-hidden="true">Free</span>
                          </label>
                        ) : (
                          <span
                            className={`flex min-h-8 items-center justify-center px-1 ${cell.status === "busy" ? "bg-[#f4cdc6]" : cell.status === "unknown" ? "bg-panel italic" : "bg-[#cce2d8]"}`}
                          >
                            <span className="sr-only">{cell.label}, </span>
                            {cell.status === "busy" ? "Busy" : cell.status === "unknown" ? "Unknown" : "Free"}
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        {canEdit ? (
          <div className="max-w-xl">
            <TextField name="subject" label="Subject" defaultValue={state.values?.subject ?? ""} error={errors.subject} />
            <TextField
              name="attendee"
              label="Attendee email (optional)"
              hint="They are sent an invitation by Microsoft 365."
              type="email"
              spellCheck={false}
              defaultValue={state.values?.attendee ?? ""}
              error={errors.attendee}
            />
            <TextField name="location" label="Location (optional)" defaultValue={state.values?.location ?? ""} error={errors.location} />
            <SubmitButton pendingText="Booking with Microsoft…">Book</SubmitButton>
          </div>
        ) : (
          <p>This calendar is read only for this account, so it cannot be booked here.</p>
        )}
      </form>
    </>
  );
}
