import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { BookingModeForm } from "@/components/resources/BookingModeForm";
import { Warning } from "@/components/ui/notices";
import { describeError } from "@/lib/errors";
import { resourceForAdminPage } from "@/lib/resources/admin-page";
import { bookerMayOrganise, organiserChoices } from "@/lib/resources/organisers";
import { BOOKER } from "@/lib/resources/schemas";

export const metadata: Metadata = { title: "How bookings are made" };

export default async function BookingModePage({ params }: { params: Promise<{ id: string }> }) {
  const resource = await resourceForAdminPage(params);
  const [organisers, booker] = await Promise.all([organiserChoices(resource.calendar.address), bookerMayOrganise()]);
  const { mode, organiserId } = resource.booking;
  const organiserGone = mode === "invitation" && organiserId !== null && !organisers.some((organiser) => organiser.id === organiserId);
  const back = `/utilities/resources/${resource.id}`;
  return (
    <>
      <Breadcrumbs
        trail={[{ label: "Utilities" }, { href: "/utilities/resources", label: "Resources" }, { href: back, label: resource.name }, { label: "How bookings are made" }]}
      />
      <h1>How bookings are made</h1>
      <p className="mb-6 max-w-2xl">
        Either way, the hub first checks its rules (opening hours, notice, how far ahead) and that Outlook shows the time free. Saving reads the calendar
        bookings will be written to from Microsoft, to check the hub can reach it and whether it allows Teams meetings; nothing is saved if it cannot.
      </p>
      {resource.calendar.isDefaultCalendar ? null : (
        <Warning title="This resource can only be booked directly" testId="invitation-not-possible">
          <p>{describeError("invitation_needs_mailbox", { calendar: resource.calendar.calendarName, address: resource.calendar.address })}</p>
        </Warning>
      )}
      {organiserGone ? (
        <Warning title="The organiser chosen before is no longer on the Office 365 page" testId="organiser-removed">
          <p>Bookings of it are refused until you choose who sends the invitations again, or choose to book it directly.</p>
        </Warning>
      ) : null}
      <BookingModeForm
        resourceId={resource.id}
        resourceName={resource.name}
        defaults={{ bookingMode: mode, organiser: mode === "invitation" ? (organiserId ?? BOOKER) : undefined }}
        organisers={organisers}
        bookerMayOrganise={booker}
      />
      <h2 className="mt-4">What decides an invitation</h2>
      <p className="mb-4 max-w-2xl">
        The room&rsquo;s own booking policy in Exchange, which an Exchange administrator sets with <code>Set-CalendarProcessing</code>: with{" "}
        <code>AutomateProcessing AutoAccept</code> (the default for rooms) it accepts an invitation when it is free and declines it when it is busy;{" "}
        <code>AllowConflicts</code> and <code>BookingWindowInDays</code> (180 days by default) apply as well, and with <code>AutoUpdate</code> its delegates
        answer. Staff see the room&rsquo;s answer on their booking.
      </p>
    </>
  );
}
