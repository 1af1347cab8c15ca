"use client";

import Link from "next/link";
import { useActionState } from "react";
import { saveBookingMode, type ResourceFormState } from "@/app/utilities/resources/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, RadioGroup, type RadioOption } from "@/components/ui/fields";
import type { Organiser } from "@/lib/resources/organisers";
import { BOOKER, type BookingMode } from "@/lib/resources/schemas";
import { ResourceFormButtons } from "./ResourceFormButtons";

const FIELD_ORDER = ["form", "bookingMode", "organiser"];

const BOOKER_OPTION: RadioOption = {
  value: BOOKER,
  label: "The person booking",
  hint: "The invitation comes from their own mailbox, reached with the app's application access. Their hub email address must be their Microsoft 365 one.",
};

function organiserOption(organiser: Organiser): RadioOption {
  if (organiser.kind === "account") {
    const hint = [`A connected account${organiser.name ? ` (${organiser.name})` : ""}: the invitation comes from its mailbox`];
    if (organiser.needsReconnect) hint.push("It must be reconnected on the Office 365 page first");
    return { value: organiser.id, label: organiser.address, hint: `${hint.join(". ")}.` };
  }
  const hint = "A mailbox with application access: the invitation comes from it.";
  return { value: organiser.id, label: organiser.name ?? organiser.address, hint: organiser.name ? `${organiser.address}. ${hint}` : hint };
}

/**
 * How bookings of a resource are made: directly, or as an invitation with who sends it revealed under that choice
 * (the person booking only when the app has application access). Saving asks Microsoft first (the calendar bookings
 * will be written to), so the button says so while it waits.
 */
export function BookingModeForm({
  resourceId,
  resourceName,
  defaults,
  organisers,
  bookerMayOrganise,
}: {
  resourceId: string;
  resourceName: string;
  defaults: { bookingMode: BookingMode; organiser: string | undefined };
  organisers: Organiser[];
  bookerMayOrganise: boolean;
}) {
  const [state, action] = useActionState<ResourceFormState, FormData>(saveBookingMode, { status: "idle", errors: {} });
  const { errors } = state;
  const values = state.values ?? defaults;
  const summary = FIELD_ORDER.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  const choices = [...(bookerMayOrganise ? [BOOKER_OPTION] : []), ...organisers.map(organiserOption)];
  const who =
    choices.length > 0 ? (
      <RadioGroup
        name="organiser"
        legend="Who sends the invitations?"
        hint="The invitation comes from this mailbox, and the booking is in its calendar as well as the room's."
        error={errors.organiser}
        defaultValue={values.organiser}
        options={choices}
      />
    ) : (
      // The error summary's link lands here when there is nobody to choose.
      <div id="organiser" tabIndex={-1} className="mb-6" data-testid="no-organisers">
        {errors.organiser ? <ErrorMessage id="organiser-error">{errors.organiser}</ErrorMessage> : null}
        <p>
          Nobody can send invitations yet. On the{" "}
          <Link href="/utilities/integrations/office365" className="hub-link">
            Office 365 page
          </Link>
          , connect an account, or grant admin consent so that the person booking can send them.
        </p>
      </div>
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
            {
              value: "direct",
              label: "Directly in the room's calendar",
              hint: "The hub writes each booking straight into the room's calendar. Only the hub's rules decide.",
            },
            {
              value: "invitation",
              label: "As an invitation to the room",
              hint: "Each booking is a meeting invitation the room answers by its own rules in Exchange: for example, it declines when it is already busy or the meeting is too long. Staff see its answer.",
              conditional: who,
            },
          ]}
        />
        <ResourceFormButtons resourceId={resourceId} pendingText="Checking with Microsoft…">
          Save
        </ResourceFormButtons>
      </form>
    </>
  );
}
