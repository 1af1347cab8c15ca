import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "luxon";
import { getAvailability, listMyBookings, listResources } from "@/app/actions/calendar";
import { BookingResultBanner } from "@/components/bookings/BookingResultBanner";
import { DayBookingForm, type RepeatChoice } from "@/components/bookings/DayBookingForm";
import { DayNavigation } from "@/components/bookings/DayNavigation";
import { AvailabilityUnknown, OpeningTimes } from "@/components/bookings/DayStatus";
import { FindRoomForm } from "@/components/bookings/FindRoomForm";
import { ResourceChooser } from "@/components/bookings/ResourceChooser";
import { UnavailableTimes } from "@/components/bookings/UnavailableTimes";
import { UpcomingBookings } from "@/components/bookings/UpcomingBookings";
import { WeekOverview } from "@/components/bookings/WeekOverview";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Warning } from "@/components/ui/notices";
import { requirePageUser } from "@/lib/auth/session";
import type { PublicError } from "@/lib/errors";
import { dateFromParts, dateFromQuery, dateInWords, durationChoices, planDay, startTimeChoices, weekDates } from "@/lib/resources/day-view";
import { frequencyWords } from "@/lib/resources/repeat";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Bookings" };

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/**
 * The booking page: choose a resource (grouped by building) or find a room, then a day: its free start times, the
 * times that cannot be booked and why, and the week at a glance. Everything goes through the calendar server actions
 * (app/actions/calendar.ts), with the same checks as the site's own code.
 */
/** How a booking on this date can repeat: every weekday only from a weekday; the labels name the day. */
function repeatChoices(date: string): RepeatChoice[] {
  const day = DateTime.fromISO(date);
  return [
    { value: "none", label: "Does not repeat" },
    ...(day.weekday <= 5 ? [{ value: "weekdays" as const, label: "Every weekday (Monday to Friday)" }] : []),
    { value: "weekly", label: frequencyWords("weekly", day) },
    { value: "monthly", label: frequencyWords("monthly", day) },
  ];
}

export default async function BookingsPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePageUser("staff");
  const [query, timeZone] = await Promise.all([searchParams, readSiteTimeZone()]);
  const today = dateFromQuery(undefined, timeZone);
  // The date input's boxes, when the date form was sent; otherwise ?date=, otherwise today.
  const typed = query.onDay !== undefined ? dateFromParts(single(query.onDay) ?? "", single(query.onMonth) ?? "", single(query.onYear) ?? "") : null;
  const date = typed && "date" in typed ? typed.date : dateFromQuery(single(query.date), timeZone);
  const resourceId = single(query.resource);
  const [resources, bookings] = await Promise.all([listResources(), listMyBookings({ timeZone, refreshRoomAnswers: false })]);
  const problems: PublicError[] = [];
  for (const result of [resources, bookings]) if (!result.ok) problems.push(result.error);
  const resource = resourceId && resources.ok ? resources.data.find((candidate) => candidate.id === resourceId) : undefined;

  // Back from a booking's Cancel page, which says what it did (lib/resources/return-to.ts).
  const cancelled = <BookingResultBanner cancelled={single(query.cancelled)} />;
  const upcoming = (
    <section aria-labelledby="upcoming-heading" className="mt-12">
      <h2 id="upcoming-heading">Your upcoming bookings</h2>
      <UpcomingBookings bookings={bookings.ok ? bookings.data : []} back={resource ? { resource: resource.id, date } : undefined} />
    </section>
  );

  if (!resource) {
    const shown = resources.ok ? resources.data.filter((candidate) => candidate.showOnBookingPage) : [];
    return (
      <>
        <h1>Bookings</h1>
        {cancelled}
        <ErrorSummary errors={problems.map((problem) => ({ message: problem.message }))} />
        <p className="mb-8 max-w-3xl">Find a free room, or choose a room or resource and a day. Times are in {timeZone}.</p>
        {resourceId && resources.ok ? (
          <Warning title="That resource cannot be booked here" testId="resource-unavailable">
            <p>It may have been removed, or be for hub administrators only. Choose another below.</p>
          </Warning>
        ) : null}
        <section aria-labelledby="find-heading" className="mb-12">
          <h2 id="find-heading">Find a room</h2>
          <FindRoomForm buildings={[...new Set(shown.flatMap((candidate) => (candidate.building ? [candidate.building] : [])))].sort()} date={date} />
        </section>
        <section aria-labelledby="choose-heading">
          <h2 id="choose-heading">Or choose a room or resource</h2>
          <ResourceChooser resources={shown} date={date} />
        </section>
        {upcoming}
      </>
    );
  }

  const week = weekDates(date);
  const start = DateTime.fromISO(week[0]!, { zone: timeZone });
  const availability = await getAvailability({ resources: [resource.id], start: start.toISO()!, end: start.plus({ weeks: 1 }).toISO()!, timeZone });
  if (!availability.ok) problems.push(availability.error);
  const answer = availability.ok ? availability.data.resources[0] : undefined;
  const days = answer ? week.map((day) => planDay(answer, day, timeZone)) : [];
  const day = days.find((plan) => plan.date === date);
  const dateError = typed && "problem" in typed ? typed.problem : undefined;
  if (dateError) problems.unshift({ code: "invalid_input", message: dateError, field: "on" });

  return (
    <>
      <p className="mb-4">
        <Link href={`/bookings?${new URLSearchParams({ date })}`} className="hub-link">
          All rooms and resources
        </Link>
      </p>
      <h1>{resource.name}</h1>
      {cancelled}
      <ErrorSummary errors={problems.map((problem) => ({ field: problem.field, message: problem.message }))} />
      <p className="mb-6 max-w-3xl text-base">
        {[resource.building, resource.floor ? `floor ${resource.floor}` : null, resource.capacity ? `seats ${resource.capacity}` : null, resource.wheelchairAccessible ? "wheelchair accessible" : null]
          .filter(Boolean)
          .join(" · ")}
        {resource.equipmentNotes ? <span className="block">Equipment: {resource.equipmentNotes}</span> : null}
        <span className="block">Times are in {timeZone}.</span>
      </p>
      <DayNavigation path="/bookings" fields={{ resource: resource.id }} date={date} today={today} error={dateError} />

      <section aria-labelledby="day-heading" className="mb-8">
        <h2 id="day-heading">{dateInWords(date)}</h2>
        {answer?.status === "unknown" ? (
          <AvailabilityUnknown resourceName={resource.name} message={answer.error?.message} retryHref={`/bookings?${new URLSearchParams({ resource: resource.id, date })}`} />
        ) : null}
        {day && answer?.status === "ok" ? (
          <>
            <OpeningTimes day={day} />
            <DayBookingForm
              resource={{ id: resource.id, name: resource.name }}
              times={startTimeChoices(day, timeZone)}
              durations={durationChoices(resource.slotMinutes, resource.longestBookingMinutes)}
              repeats={repeatChoices(date)}
              teams={answer.teams}
              unavailable={<UnavailableTimes day={day} zone={timeZone} />}
            />
          </>
        ) : null}
      </section>
      {days.length > 0 ? <WeekOverview days={days} resourceId={resource.id} current={date} /> : null}
      {upcoming}
    </>
  );
}
