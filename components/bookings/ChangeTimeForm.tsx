"use client";

import Link from "next/link";
import { useActionState } from "react";
import { changeBookingTime, type ChangeField, type ChangeFormState } from "@/app/bookings/[bookingId]/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, RadioGroup } from "@/components/ui/fields";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { durationInWords } from "@/lib/resources/booking-words";

const FIELDS: ChangeField[] = ["form", "start", "duration"];

/**
 * The day's free start times for the booking's resource as one radio group (its own time among them), and a duration
 * (the booking's own first chosen). A refusal — a rule broken, the time just taken — is shown beside the field and in
 * the error summary, and nothing is changed.
 */
export function ChangeTimeForm({
  bookingId,
  back,
  current,
  times,
  durations,
  keepHref,
}: {
  bookingId: string;
  back: Record<string, string>;
  /** The booking's time now (ISO instants), and which of `times` and `durations` it is, if shown. */
  current: { start: string; end: string; startValue?: string; duration?: number };
  times: { value: string; label: string }[];
  durations: number[];
  keepHref: string;
}) {
  const [state, action] = useActionState<ChangeFormState, FormData>(changeBookingTime, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = FIELDS.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  const duration = state.values?.duration ?? String(current.duration ?? durations[0]);
  return (
    <>
      <ErrorSummary errors={summary} title={state.status === "failed" ? "The time was not changed" : "There is a problem"} />
      <form action={action} noValidate className="max-w-2xl">
        <input type="hidden" name="bookingId" value={bookingId} />
        <input type="hidden" name="currentStart" value={current.start} />
        <input type="hidden" name="currentEnd" value={current.end} />
        {Object.entries(back).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {times.length > 0 ? (
          <>
            <RadioGroup name="start" legend="New start time" error={errors.start} options={times} defaultValue={state.values?.start ?? current.startValue} />
            <div className={`mb-6 ${errors.duration ? "border-l-4 border-danger pl-4" : ""}`}>
              <label htmlFor="duration" className="mb-1 block font-bold">
                Duration
              </label>
              {errors.duration ? <ErrorMessage id="duration-error">{errors.duration}</ErrorMessage> : null}
              <select
                id="duration"
                name="duration"
                defaultValue={duration}
                aria-invalid={errors.duration ? true : undefined}
                aria-describedby={errors.duration ? "duration-error" : undefined}
                className="hub-input !w-auto"
              >
                {durations.map((minutes) => (
                  <option key={minutes} value={minutes}>
                    {durationInWords(minutes)}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : (
          <p className="mb-6" data-testid="no-free-times">
            There are no free times this day. Choose another day.
          </p>
        )}
        <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
          {times.length > 0 ? <SubmitButton pendingText="Changing with Microsoft…">Change time</SubmitButton> : null}
          <Link href={keepHref} className="hub-link inline-block py-1">
            Keep the current time
          </Link>
        </div>
      </form>
    </>
  );
}
