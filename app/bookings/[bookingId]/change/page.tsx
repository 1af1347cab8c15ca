import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "luxon";
import { notFound } from "next/navigation";
import { getAvailability } from "@/app/actions/calendar";
import { BookingSummary } from "@/components/bookings/BookingSummary";
import { DayNavigation } from "@/components/bookings/DayNavigation";
import { AvailabilityUnknown, OpeningTimes } from "@/components/bookings/DayStatus";
import { ChangeTimeForm } from "@/components/bookings/ChangeTimeForm";
import { UnavailableTimes } from "@/components/bookings/UnavailableTimes";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Warning } from "@/components/ui/notices";
import { requirePageUser } from "@/lib/auth/session";
import type { PublicError } from "@/lib/errors";
import { bookingDetails } from "@/lib/resources/booking-details";
import { dateFromParts, dateFromQuery, dateInWords, durationChoices, planDay, startTimeChoices } from "@/lib/resources/day-view";
import { listReturn, returnFields, returnHref, returnLabel, returnToFrom, withReturn } from "@/lib/resources/return-to";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Change the time of a booking" };

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/**
 * Moves a booking: a day (the booking's own first), that day's free start times for its resource — its own time
 * counted as free — and a duration. The resource's rules and Outlook are checked again when the change is sent.
 */
export default async function ChangeBookingPage({ params, searchParams }: { params: Promise<{ bookingId: string }>; searchParams: Promise<Query> }) {
  const user = await requirePageUser("staff");
  const [{ bookingId }, query, timeZone] = await Promise.all([params, searchParams, readSiteTimeZone()]);
  const booking = await bookingDetails(user, bookingId, timeZone);
  // Someone else's booking (staff may change only their own) is not found, as one that does not exist; the action checks again.
  if (!booking) notFound();
  const listBack = listReturn(returnToFrom(query));
  const path = `/bookings/${booking.id}/change`;
  const header = (
    <>
      <Breadcrumbs trail={[{ href: returnHref(listBack), label: returnLabel(listBack) }, { label: "Change time" }]} />
      <h1>Change the time of a booking</h1>
      <BookingSummary booking={booking} />
    </>
  );

  const resource = booking.resource;
  if (!resource) {
    return (
      <>
        {header}
        <Warning title="The time of this booking can't be changed here" testId="cannot-change">
          <p>Its room or resource is no longer in the hub, so the hub cannot check a new time against its rules.</p>
          <p>You can cancel the booking, then book another room or resource.</p>
        </Warning>
        <p className="flex flex-wrap gap-x-6 gap-y-2">
          <Link href={withReturn(`/bookings/${booking.id}/cancel`, listBack)} className="hub-link inline-block py-1">
            Cancel this booking
          </Link>
          <Link href={returnHref(listBack)} className="hub-link inline-block py-1">
            Back to {returnLabel(listBack)}
          </Link>
        </p>
      </>
    );
  }

  const start = DateTime.fromISO(booking.start, { setZone: true });
  const typed = query.onDay !== undefined ? dateFromParts(single(query.onDay) ?? "", single(query.onMonth) ?? "", single(query.onYear) ?? "") : null;
  const date = typed && "date" in typed ? typed.date : dateFromQuery(single(query.date) ?? start.toISODate()!, timeZone);
  const dateError = typed && "problem" in typed ? typed.problem : undefined;
  const dayStart = DateTime.fromISO(date, { zone: timeZone });
  const availability = await getAvailability({
    resources: [resource.id],
    start: dayStart.toISO()!,
    end: dayStart.plus({ days: 1 }).toISO()!,
    timeZone,
    ignoreBookingId: booking.id,
  });
  const problems: PublicError[] = [];
  if (dateError) problems.push({ code: "invalid_input", message: dateError, field: "on" });
  if (!availability.ok) problems.push(availability.error);
  const answer = availability.ok ? availability.data.resources[0] : undefined;
  const day = answer?.status === "ok" ? planDay(answer, date, timeZone) : undefined;
  const minutes = DateTime.fromISO(booking.end).diff(start, "minutes").minutes;
  const durations = durationChoices(resource.slotMinutes, resource.longestBookingMinutes);
  const ownStart = day?.free.find((slot) => +DateTime.fromISO(slot.start) === +start)?.start;

  return (
    <>
      {header}
      <ErrorSummary errors={problems.map((problem) => ({ field: problem.field === "on" ? "on" : undefined, message: problem.message }))} />
      <p className="mb-6 max-w-3xl">
        Choose a new day and start time for {resource.name}. Times are in {timeZone}.
        {booking.series ? " Only this date moves: the other dates of the series stay as they are." : null}
        {booking.invitation ? " The room is asked again and answers the new time itself, as it did when it was booked." : null}
      </p>
      <DayNavigation path={path} fields={returnFields(listBack)} date={date} today={dateFromQuery(undefined, timeZone)} error={dateError} />
      <section aria-labelledby="day-heading" className="mb-8">
        <h2 id="day-heading">{dateInWords(date)}</h2>
        {answer?.status === "unknown" ? (
          <AvailabilityUnknown resourceName={resource.name} message={answer.error?.message} retryHref={`${path}?${new URLSearchParams({ ...returnFields(listBack), date })}`} />
        ) : null}
        {day ? (
          <>
            <OpeningTimes day={day} />
            <ChangeTimeForm
              key={date}
              bookingId={booking.id}
              back={returnFields(listBack)}
              times={startTimeChoices(day, timeZone).map((choice) => (choice.value === ownStart ? { ...choice, label: `${choice.label} (current start)` } : choice))}
              currentDuration={durations.includes(minutes) ? minutes : undefined}
              durations={durations}
              keepHref={returnHref(listBack)}
            />
            <UnavailableTimes day={day} zone={timeZone} />
          </>
        ) : (
          <p>
            <Link href={returnHref(listBack)} className="hub-link inline-block py-1">
              Keep the current time
            </Link>
          </p>
        )}
      </section>
    </>
  );
}
