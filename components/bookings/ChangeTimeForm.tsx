"use client";

import Link from "next/link";
import { useActionState } from "react";
import { changeBookingTime, type ChangeField, type ChangeFormState } from "@/app/bookings/[bookingId]/actions";
import { DurationField } from "@/components/bookings/DurationField";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { RadioGroup } from "@/components/ui/fields";
import { SubmitButton } from "@/components/ui/SubmitButton";

const FIELDS: ChangeField[] = ["form", "start", "duration"];

/**
 * The day's free start times for the booking's resource as one radio group (its own time among them, said so, and
 * not chosen for the user), and a duration (the booking's own first). A refusal — a rule broken, the time just
 * taken — is shown beside the field and in the error summary, and nothing is changed. Works without JavaScript.
 */
export function ChangeTimeForm({
  bookingId,
  back,
  times,
  durations,
  currentDuration,
  keepHref,
}: {
  bookingId: string;
  /** The fields that say where to go back to (lib/resources/return-to.ts). */
  back: Record<string, string>;
  /** Free start times: the value is the start's ISO instant, the label "10:00 to 10:30". */
  times: { value: string; label: string }[];
  durations: number[];
  /** The booking's length now, when it is one of `durations`. */
  currentDuration?: number;
  keepHref: string;
}) {
  const [state, action] = useActionState<ChangeFormState, FormData>(changeBookingTime, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = FIELDS.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  const keep = (
    <Link href={keepHref} className="hub-link inline-block py-1">
      Keep the current time
    </Link>
  );
  if (times.length === 0) {
    return (
      <>
        <p className="mb-6" data-testid="no-free-times">
          There are no free times this day. Choose another day.
        </p>
        <p className="mb-8">{keep}</p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={summary} title={state.status === "failed" ? "The time was not changed" : "There is a problem"} />
      <form action={action} noValidate className="max-w-3xl">
        <input type="hidden" name="bookingId" value={bookingId} />
        {Object.entries(back).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <RadioGroup name="start" legend="New start time" error={errors.start} columns options={times} defaultValue={state.values?.start} />
        <DurationField durations={durations} defaultValue={state.values?.duration ?? String(currentDuration ?? durations[0])} error={errors.duration} />
        <div className="mb-8 flex flex-wrap items-center gap-x-6 gap-y-4">
          <SubmitButton pendingText="Changing the time with Microsoft…">Change time</SubmitButton>
          {keep}
        </div>
      </form>
    </>
  );
}
