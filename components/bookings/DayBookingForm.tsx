"use client";

import { useActionState } from "react";
import { bookSlot, type BookingField, type BookingFormState } from "@/app/bookings/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, RadioGroup, TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";

const FIELDS: BookingField[] = ["form", "start", "duration", "subject", "attendees", "body"];
const durationLabel = (minutes: number) =>
  minutes < 60 ? `${minutes} minutes` : `${Math.floor(minutes / 60)} hour${minutes >= 120 ? "s" : ""}${minutes % 60 ? ` ${minutes % 60} minutes` : ""}`;

/**
 * A day's free start times as one radio group (arrow keys move between them, as in any radio group), a duration, and
 * the booking's details. The confirmation takes focus, so the result is where the user's eyes are.
 */
export function DayBookingForm({
  resource,
  times,
  durations,
}: {
  resource: { id: string; name: string };
  /** Free start times: the value is the start's ISO instant, the label "10:00 to 10:30". */
  times: { value: string; label: string }[];
  durations: number[];
}) {
  const [state, action] = useActionState<BookingFormState, FormData>(bookSlot, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = FIELDS.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  return (
    <>
      {state.status === "booked" && state.booked ? (
        <Banner kind="success" title={`Booked: ${state.booked.subject}`} testId="booking-confirmed" focus={state}>
          <p>
            {state.booked.resource}, {state.booked.when}
          </p>
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
      <form action={action} noValidate className="max-w-2xl">
        <input type="hidden" name="resourceId" value={resource.id} />
        <input type="hidden" name="resourceName" value={resource.name} />
        {times.length > 0 ? (
          <RadioGroup
            name="start"
            legend="Start time"
            error={errors.start}
            options={times.map((time) => ({ value: time.value, label: time.label }))}
            defaultValue={state.status !== "booked" ? state.values?.start : undefined}
          />
        ) : (
          <p className="mb-6" data-testid="no-free-times">
            There are no free times this day. Choose another day.
          </p>
        )}
        <div className={`mb-6 ${errors.duration ? "border-l-4 border-danger pl-4" : ""}`}>
          <label htmlFor="duration" className="mb-1 block font-bold">
            Duration
          </label>
          {errors.duration ? <ErrorMessage id="duration-error">{errors.duration}</ErrorMessage> : null}
          <select
            id="duration"
            name="duration"
            defaultValue={state.values?.duration ?? String(durations[0])}
            aria-describedby={errors.duration ? "duration-error" : undefined}
            className="hub-input !w-auto"
          >
            {durations.map((minutes) => (
              <option key={minutes} value={minutes}>
                {durationLabel(minutes)}
              </option>
            ))}
          </select>
        </div>
        <TextField name="subject" label="Subject" hint="What Outlook's event is called" error={errors.subject} defaultValue={state.status !== "booked" ? state.values?.subject : ""} />
        <TextField
          name="attendees"
          label="Attendees (optional)"
          hint="Email addresses, separated by commas: Microsoft sends them an invitation"
          error={errors.attendees}
          spellCheck={false}
          defaultValue={state.status !== "booked" ? state.values?.attendees : ""}
        />
        <TextField name="body" label="Description (optional)" error={errors.body} defaultValue={state.status !== "booked" ? state.values?.body : ""} />
        <SubmitButton pendingText="Booking with Microsoft…">Book</SubmitButton>
      </form>
    </>
  );
}
