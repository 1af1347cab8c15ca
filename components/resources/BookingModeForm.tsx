"use client";

import Link from "next/link";
import { useActionState } from "react";
import { saveBookingMode, type BookingModeFormState } from "@/app/utilities/resources/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { RadioGroup, type RadioOption } from "@/components/ui/fields";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { Organiser } from "@/lib/resources/organisers";
import { BOOKER, type BookingMode } from "@/lib/resources/schemas";

const FIELD_ORDER = ["form", "bookingMode", "organiser"];

function organiserOption(organiser: Organiser): RadioOption {
  if (organiser.kind === "account") {
    const hint = ["A connected account: its own calendar", organiser.name, organiser.needsReconnect ? "Must be reconnected on the Office 365 page first" : null];
    return { value: organiser.id, label: organiser.address, hint: hint.filter(Boolean).join(". ") + "." };
  }
  const mailbox = "A mailbox with application access: its default calendar, through the app's application permission.";
  return { value: organiser.id, label: organiser.name ?? organiser.address, hint: organiser.name ? `${organiser.address}. ${mailbox}` : mailbox };
}

/**
 * How bookings of a resource are made: directly, or as an invitation with who sends it revealed under that choice.
 * Saving asks Microsoft first (the calendar bookings will be written to), so the button says so while it waits.
 */
export function BookingModeForm({
  resourceId,
  resourceName,
  defaults,
  organisers,
}: {
  resourceId: string;
  resourceName: string;
  defaults: { bookingMode: BookingMode; organiser: string | undefined };
  organisers: Organiser[];
}) {
  const [state, action] = useActionState<BookingModeFormState, FormData>(saveBookingMode, { status: "idle", errors: {} });
  const { errors } = state;
  const values = state.values ?? defaults;
  const summary = FIELD_ORDER.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  const who = (
    <RadioGroup
      name="organiser"
      legend="Who sends the invitations?"
      hint="The room is invited from this mailbox's calendar, so the booking is in that calendar too."
      error={errors.organiser}
      defaultValue={values.organiser}
      options={[
        {
          value: BOOKER,
          label: "The person booking",
          hint: "Their own calendar, through the app's application permission. Their hub email address must be their Microsoft 365 mailbox.",
        },
        ...organisers.map(organiserOption),
      ]}
    />
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={action} noValidate className="max-w-2xl">
        <input type="hidden" name="resourceId" value={resourceId} />
        <RadioGroup
          name="bookingMode"
          legend={`How are bookings of ${resourceName} made?`}
          error={errors.bookingMode}
          defaultValue={values.bookingMode}
          options={[
            { value: "direct", label: "Directly", hint: "The hub writes the booking into the room's calendar. The hub's rules decide." },
            {
              value: "invitation",
              label: "As an invitation",
              hint: "The booking is sent from an organiser's calendar with the room invited. The room accepts or declines by its own Exchange booking policy, and staff see its answer.",
              conditional: who,
            },
          ]}
        />
        <div className="flex flex-wrap items-center gap-6">
          <SubmitButton pendingText="Checking with Microsoft…">Save</SubmitButton>
          <Link href={`/utilities/resources/${resourceId}`} className="hub-link inline-block py-0.5">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
