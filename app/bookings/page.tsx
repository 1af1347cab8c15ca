import type { Metadata } from "next";
import Link from "next/link";
import { getAvailability, listAccounts, listBookings, listCalendars } from "@/app/actions/calendar";
import { ChooseCalendarForm } from "@/components/bookings/ChooseCalendarForm";
import { UpcomingBookings } from "@/components/bookings/UpcomingBookings";
import { WeekBookingForm } from "@/components/bookings/WeekBookingForm";
import { WeekEvents } from "@/components/bookings/WeekEvents";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { Banner, Warning } from "@/components/ui/notices";
import { requirePageUser } from "@/lib/auth/session";
import type { PublicError } from "@/lib/errors";
import { SLOT_MINUTES, weekGrid, weekOf } from "@/lib/integrations/office365/calendar/week";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Bookings" };

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/**
 * The booking page: choose an account or mailbox and a calendar, see a week of free and busy half hours in the site's
 * time zone, pick a free one and book it. Everything goes through the calendar server actions in app/actions/calendar.ts.
 */
export default async function BookingsPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePageUser("staff");
  const [query, timeZone] = await Promise.all([searchParams, readSiteTimeZone()]);
  const week = weekOf(single(query.week), timeZone);
  const source = single(query.source);
  const mailbox = single(query.mailbox);
  const [owners, bookings] = await Promise.all([listAccounts(), listBookings({ timeZone })]);

  const problems: PublicError[] = [];
  if (!owners.ok) problems.push(owners.error);
  if (!bookings.ok) problems.push(bookings.error);

  const calendars = source ? await listCalendars({ accountId: source, mailbox }) : null;
  if (calendars && !calendars.ok) problems.push(calendars.error);
  // A wrong shared mailbox address is shown beside its field too, and the summary links to it.
  const mailboxError = calendars && !calendars.ok && calendars.error.field === "mailbox" ? calendars.error.message : undefined;
  const calendarList = calendars?.ok ? calendars.data : null;
  const calendar = calendarList?.find((candidate) => candidate.id === single(query.calendar)) ?? calendarList?.find((candidate) => candidate.isDefault);

  // One read of the calendar gives both the free/busy grid and the week's events.
  const availability =
    source && calendar
      ? await getAvailability({
          calendars: [{ accountId: source, mailbox, calendarId: calendar.id }],
          start: week.start.toISO()!,
          end: week.end.toISO()!,
          timeZone,
          slotMinutes: SLOT_MINUTES,
        })
      : null;
  if (availability && !availability.ok) problems.push(availability.error);
  const unknown = availability?.ok ? availability.data.calendars.filter((entry) => entry.status === "unknown") : [];
  const weekLink = (date: string) => {
    const params = new URLSearchParams({ ...(source ? { source } : {}), ...(mailbox ? { mailbox } : {}), ...(calendar ? { calendar: calendar.id } : {}), week: date });
    return `/bookings?${params}`;
  };

  return (
    <>
      <h1>Bookings</h1>
      {query.cancelled ? <Banner kind="success" title="The booking was cancelled" testId="booking-cancelled" focus /> : null}
      <ErrorSummary errors={problems.map((problem) => ({ field: problem.field === "mailbox" ? "mailbox" : undefined, message: problem.message }))} />
      <p className="mb-6 max-w-3xl">
        Book a half hour in a connected calendar: choose the account or mailbox, the calendar and the week. Times are in {timeZone}.
      </p>
      {owners.ok && owners.data.length === 0 ? (
        <p className="mb-6">No Office 365 account or mailbox is connected yet. An administrator can connect one on the Office 365 page.</p>
      ) : null}
      <ChooseCalendarForm
        owners={owners.ok ? owners.data : []}
        calendars={calendarList}
        selected={{ source, mailbox, calendar: calendar?.id, week: week.monday.toISODate()! }}
        mailboxError={mailboxError}
      />

      {availability?.ok && calendar && source ? (
        <section aria-labelledby="week-heading" className="mb-12">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
            <h2 id="week-heading" className="!mb-0">
              {calendar.name}: week of {week.label}
            </h2>
            <nav aria-label="Weeks" className="flex gap-4 text-base">
              <Link href={weekLink(week.previous)} className="hub-link">
                Previous week
              </Link>
              <Link href={weekLink(week.next)} className="hub-link">
                Next week
              </Link>
            </nav>
          </div>
          {unknown.map((entry) => (
            <Warning key={entry.label} title={`The availability of ${entry.label} is unknown`} testId="availability-unknown">
              <p>{entry.error?.message}</p>
              <p>No time in this calendar is offered as free until Microsoft answers. Try again in a few minutes.</p>
            </Warning>
          ))}
          <WeekBookingForm
            rows={weekGrid(week, availability.data, timeZone)}
            days={week.days.map((day) => day.toFormat("ccc d MMM"))}
            target={{ accountId: source, mailbox, calendarId: calendar.id }}
            canEdit={calendar.canEdit}
          />
          <h3 className="mt-10">Events this week</h3>
          {availability.data.calendars[0]?.events ? (
            <WeekEvents events={availability.data.calendars[0].events} />
          ) : (
            <p>The events are unknown until Microsoft answers.</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming bookings</h2>
        <UpcomingBookings bookings={bookings.ok ? bookings.data : []} />
      </section>
    </>
  );
}
