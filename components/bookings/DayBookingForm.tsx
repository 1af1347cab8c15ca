"use client";

import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import { bookSlot, type BookedSummary, type BookingField, type BookingFormState } from "@/app/bookings/actions";
import { DurationField } from "@/components/bookings/DurationField";
import { Checkbox } from "@/components/ui/Checkbox";
import { DateInput } from "@/components/ui/DateInput";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, RadioGroup, TextField } from "@/components/ui/fields";
import { FocusOnShow } from "@/components/ui/FocusOnShow";
import { NewTabLink } from "@/components/ui/NewTabLink";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";

const FIELDS: BookingField[] = ["form", "start", "duration", "repeat", "ends", "repeatUntil", "repeatCount", "teams", "subject", "attendees", "body"];

/** The repeats offered for a day: every weekday only from a weekday. Labels name the day ("Every week on Tuesday"). */
export type RepeatChoice = { value: "none" | "weekdays" | "weekly" | "monthly"; label: string };

/** What the room said, in words for the person who booked. */
function RoomAnswer({ booked }: { booked: BookedSummary }) {
  switch (booked.roomResponse) {
    case null:
      return null;
    case "accepted":
      return <p data-testid="room-response">{booked.resource} has accepted.</p>;
    case "tentativelyAccepted":
      return <p data-testid="room-response">{booked.resource} has accepted tentatively: someone who manages the room will confirm it.</p>;
    case "declined":
      return null;
    default:
      return (
        <p data-testid="room-response">
          {booked.resource} has not answered yet. <Link href="/bookings/mine" className="hub-link">My bookings</Link> shows its answer when it does.
        </p>
      );
  }
}

function Confirmation({ booked, state }: { booked: BookedSummary; state: BookingFormState }) {
  const details = (
    <>
      <p>
        {booked.resource}, {booked.when}
      </p>
      {booked.repeat ? <p data-testid="booking-repeat">{booked.repeat}.</p> : null}
      {booked.notBooked.length > 0 ? <p data-testid="not-booked">Not booked: {booked.notBooked.join(", ")}.</p> : null}
      {booked.joinUrl ? (
        <p>
          <NewTabLink href={booked.joinUrl} testId="teams-link">
            Join the Teams meeting
          </NewTabLink>
        </p>
      ) : booked.teams ? (
        <p data-testid="no-teams">Microsoft did not add a Teams meeting: the calendar does not allow one.</p>
      ) : null}
      {booked.webLink ? (
        <p>
          <NewTabLink href={booked.webLink}>Open it in Outlook</NewTabLink>
        </p>
      ) : null}
    </>
  );
  if (booked.roomResponse === "declined") {
    // Not a success: said plainly, with what to do next, where the eyes are.
    return (
      <FocusOnShow trigger={state} role="alert" className="mb-8 border-l-8 border-danger bg-panel p-4 focus:outline-3 focus:outline-focus" data-testid="booking-declined">
        <p className="text-xl font-bold">
          {booked.resource} declined: {booked.subject}
        </p>
        <p className="mt-2">The room is not booked: its booking policy in Exchange turned this time down. Choose another time, or cancel the booking in My bookings.</p>
        {details}
        <p>
          <Link href="/bookings/mine" className="hub-link">
            Go to My bookings
          </Link>
        </p>
      </FocusOnShow>
    );
  }
  return (
    <Banner kind="success" title={`Booked: ${booked.subject}`} testId="booking-confirmed" focus={state}>
      {details}
      <RoomAnswer booked={booked} />
    </Banner>
  );
}

/** The dates of a repeat that are not free, and the two ways on: book the others, or change the request. */
function Conflicts({ state }: { state: BookingFormState }) {
  const { dates, total } = state.conflicts!;
  const free = total - dates.length;
  return (
    <FocusOnShow trigger={state} className="mb-8 border-l-8 border-warn bg-panel p-4 focus:outline-3 focus:outline-focus" aria-labelledby="conflicts-title" role="region" data-testid="repeat-conflicts">
      <h3 id="conflicts-title" className="!mb-2 text-xl">
        {dates.length} of the {total} dates {dates.length === 1 ? "is" : "are"} not free
      </h3>
      <ul className="mb-4 list-disc space-y-1 pl-6">
        {dates.map((date) => (
          <li key={date.date} data-date={date.date}>
            {date.day}: {date.reason}
          </li>
        ))}
      </ul>
      <p className="mb-4">Nothing has been booked yet.</p>
      <input type="hidden" name="skipDates" value={dates.map((date) => date.date).join(",")} />
      <div className="flex flex-wrap items-center gap-x-6 gap-y-4">
        {free > 0 ? (
          <SubmitButton name="intent" value="skip" pendingText="Booking with Microsoft…">
            Book the {free} free date{free === 1 ? "" : "s"}
          </SubmitButton>
        ) : null}
        <a href="#repeat" className="hub-link">
          Change the request
        </a>
      </div>
    </FocusOnShow>
  );
}

/**
 * A day's free start times as one radio group (arrow keys move between them, as in any radio group), a duration, how
 * it repeats, a Teams meeting where the calendar allows it, and the booking's details. The confirmation — or the
 * dates of a repeat that are not free — takes focus, so the result is where the user's eyes are.
 */
export function DayBookingForm({
  resource,
  times,
  durations,
  repeats,
  teams,
  unavailable,
}: {
  resource: { id: string; name: string };
  /** Free start times: the value is the start's ISO instant, the label "10:00 to 10:30". */
  times: { value: string; label: string }[];
  durations: number[];
  repeats: RepeatChoice[];
  /** Whether the booking can be a Teams meeting (the calendar allows it). */
  teams: boolean;
  /** The day's times that cannot be booked, said straight after the ones that can. */
  unavailable?: ReactNode;
}) {
  const [state, action] = useActionState<BookingFormState, FormData>(bookSlot, { status: "idle", errors: {} });
  const { errors } = state;
  // After a booking the form starts again; otherwise it keeps what was typed.
  const values = state.status === "booked" ? {} : (state.values ?? {});
  const summary = FIELDS.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  const confirmation = state.status === "booked" && state.booked ? <Confirmation booked={state.booked} state={state} /> : null;
  // No time to book (closed, full, or the last time just booked): no form to fill in, only why — and any confirmation.
  if (times.length === 0) {
    return (
      <>
        {confirmation}
        <p className="mb-6" data-testid="no-free-times">
          There are no free times this day. Choose another day.
        </p>
        {unavailable}
      </>
    );
  }
  return (
    <>
      {confirmation}
      <ErrorSummary errors={summary} title={state.status === "failed" ? "The booking was not made" : "There is a problem"} />
      <form action={action} noValidate className="max-w-3xl">
        <input type="hidden" name="resourceId" value={resource.id} />
        <input type="hidden" name="resourceName" value={resource.name} />
        {state.status === "conflicts" && state.conflicts ? <Conflicts state={state} /> : null}
        <RadioGroup
          name="start"
          legend="Start time"
          error={errors.start}
          columns
          options={times.map((time) => ({ value: time.value, label: time.label }))}
          defaultValue={values.start}
        />
        {unavailable}
        <DurationField durations={durations} defaultValue={values.duration ?? String(durations[0])} error={errors.duration} />
        <div className="hub-repeat">
          <RadioGroup name="repeat" legend="Repeat" error={errors.repeat} options={repeats} defaultValue={values.repeat ?? "none"} />
          <div className="hub-repeat-ends">
            <RadioGroup
              name="ends"
              legend="Ends"
              hint="A booking repeats at most 52 times."
              error={errors.ends}
              defaultValue={values.ends}
              options={[
                {
                  value: "until",
                  label: "On a date",
                  conditional: (
                    <DateInput
                      name="repeatUntil"
                      legend="Last date"
                      hint="For example, 30 3 2027"
                      error={errors.repeatUntil}
                      value={{ day: values.repeatUntilDay ?? "", month: values.repeatUntilMonth ?? "", year: values.repeatUntilYear ?? "" }}
                    />
                  ),
                },
                {
                  value: "count",
                  label: "After a number of times",
                  conditional: (
                    <TextField
                      name="repeatCount"
                      label="Number of times"
                      hint="From 2 to 52, this date included"
                      inputMode="numeric"
                      className="!w-20"
                      error={errors.repeatCount}
                      defaultValue={values.repeatCount}
                    />
                  ),
                },
              ]}
            />
          </div>
        </div>
        {teams ? (
          <div className={`mb-6 ${errors.teams ? "border-l-4 border-danger pl-4" : ""}`}>
            {errors.teams ? <ErrorMessage id="teams-error">{errors.teams}</ErrorMessage> : null}
            <Checkbox
              name="teams"
              label="Add a Microsoft Teams meeting"
              hint="Microsoft adds a link to join online to the invitation"
              defaultChecked={values.teams}
              className="mb-0"
            />
          </div>
        ) : null}
        <TextField name="subject" label="Subject" hint="What Outlook's event is called" error={errors.subject} defaultValue={values.subject ?? ""} />
        <TextField
          name="attendees"
          label="Attendees (optional)"
          hint="Email addresses, separated by commas: Microsoft sends them an invitation"
          error={errors.attendees}
          spellCheck={false}
          defaultValue={values.attendees ?? ""}
        />
        <TextField name="body" label="Description (optional)" error={errors.body} defaultValue={values.body ?? ""} />
        <SubmitButton pendingText="Booking with Microsoft…">Book</SubmitButton>
      </form>
    </>
  );
}
