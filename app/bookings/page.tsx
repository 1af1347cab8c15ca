import type { Metadata } from "next";
import Link from "next/link";
import { getCalendarWeek, listAccounts, listBookings, listCalendars } from "@/app/actions/calendar";
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
  const chosen = single(query.calendar);
  const range = { start: week.start.toISO()!, end: week.end.toISO()!, timeZone, slotMinutes: SLOT_MINUTES };

  // A calendar already in the address is read straight away (one round trip); otherwise the calendars are listed
  // first and the default one is shown.
  const [owners, bookings, calendars, chosenWeek] = await Promise.all([
    listAccounts(),
    listBookings({ timeZone }),
    source && !chosen ? listCalendars({ accountId: source, mailbox }) : null,
    source && chosen ? getCalendarWeek({ accountId: source, mailbox, calendarId: chosen, ...range }) : null,
  ]);
  const defaultCalendar = calendars?.ok ? calendars.data.find((candidate) => candidate.isDefault) : undefined;
  const calendarWeek =
    chosenWeek ?? (source && defaultCalendar ? await getCalendarWeek({ accountId: source, mailbox, calendarId: defaultCalendar.id, ...range }) : null);

  const problems: PublicError[] = [];
  for (const result of [owners, bookings, calendars, calendarWeek]) if (result && !result.ok) problems.push(result.error);
  const shown = calendarWeek?.ok ? calendarWeek.data : null;
  const calendar = shown?.calendar;
  const unknown = shown ? shown.availability.calendars.filter((entry) => entry.status === "unknown") : [];
  // A wrong shared mailbox address is shown beside its field too, and the summary links to it.
  const mailboxProblem = [calendars, calendarWeek].find((result) => result && !result.ok && result.error.field === "mailbox");
  const mailboxError = mailboxProblem && !mailboxProblem.ok ? mailboxProblem.error.message : undefined;
  const weekLink = (date: string) => {
    const params = new URLSearchParams({ ...(source ? { source } : {}), ...(mailbox ? { mailbox } : {}), ...(calendar ? { calendar: calendar.id } : {}), week: date });
    return `/bookings?${params}`;
  };
  const otherCalendars = source ? `/bookings?${new URLSearchParams({ source, ...(mailbox ? { mailbox } : {}), week: week.monday.toISODate()! })}` : undefined;

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
        calendars={calendars?.ok ? calendars.data : calendar ? [calendar] : null}
        selected={{ source, mailbox, calendar: calendar?.id, week: week.monday.toISODate()! }}
        otherCalendars={chosen && calendar ? otherCalendars : undefined}
        mailboxError={mailboxError}
      />

      {shown && calendar && source ? (
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
            rows={weekGrid(week, shown.availability, timeZone)}
            days={week.days.map((day) => day.toFormat("ccc d MMM"))}
            target={{ accountId: source, mailbox, calendarId: calendar.id }}
            canEdit={calendar.canEdit}
          />
          <h3 className="mt-10">Events this week</h3>
          {shown.events ? (
            <WeekEvents events={shown.events} />
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
