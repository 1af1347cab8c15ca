"use client";

import Link from "next/link";
import { useActionState } from "react";
import { cancelBookingFromPage, type CancelFormState } from "@/app/bookings/[bookingId]/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { RadioGroup } from "@/components/ui/fields";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { CancelScopeWords } from "@/lib/resources/booking-words";

/**
 * The last step before a booking is cancelled (GOV.UK: confirm before removing). A date of a repeating booking asks
 * which to cancel — only this date, or the rest of the series — with nothing chosen for the user. Works without
 * JavaScript; "Keep booking" goes back where the user came from.
 */
export function CancelBookingForm({
  bookingId,
  back,
  scopes,
  keepHref,
}: {
  bookingId: string;
  /** The fields that say where to go back to (lib/resources/return-to.ts). */
  back: Record<string, string>;
  /** For a date of a series: the two choices, worded for this date. */
  scopes?: CancelScopeWords;
  keepHref: string;
}) {
  const [state, action] = useActionState<CancelFormState, FormData>(cancelBookingFromPage, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = [
    ...(errors.scope ? [{ field: "scope", message: errors.scope }] : []),
    ...(errors.form ? [{ message: errors.form }] : []),
  ];
  return (
    <>
      <ErrorSummary errors={summary} title={errors.form ? "The booking was not cancelled" : "There is a problem"} />
      <form action={action} noValidate>
        <input type="hidden" name="bookingId" value={bookingId} />
        {Object.entries(back).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {scopes ? (
          <>
            <input type="hidden" name="scopeAsked" value="1" />
            <RadioGroup
              name="scope"
              legend="What do you want to cancel?"
              error={errors.scope}
              defaultValue={state.scope}
              options={[
                { value: "booking", label: scopes.booking.label },
                { value: "series", label: scopes.series.label, hint: scopes.series.hint },
              ]}
            />
          </>
        ) : null}
        <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
          <SubmitButton pendingText="Cancelling with Microsoft…" variant="warning">
            Cancel booking
          </SubmitButton>
          <Link href={keepHref} className="hub-link inline-block py-1">
            Keep booking
          </Link>
        </div>
      </form>
    </>
  );
}
