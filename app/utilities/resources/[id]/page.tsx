import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { AddClosedDateForm } from "@/components/resources/AddClosedDateForm";
import { BookingModeSummary } from "@/components/resources/BookingModeSummary";
import { ClosedDatesTable } from "@/components/resources/ClosedDatesTable";
import { RulesForm } from "@/components/resources/RulesForm";
import { SummaryList } from "@/components/resources/SummaryList";
import { Address } from "@/components/ui/Address";
import { Banner, Warning } from "@/components/ui/notices";
import { formatIsoDate, shiftIsoDate, todayIn } from "@/lib/dates";
import { resourceForAdminPage } from "@/lib/resources/admin-page";
import { bankHolidayRegionLabel, bankHolidays } from "@/lib/resources/closed-dates";
import { findOrganiser } from "@/lib/resources/organisers";
import { calendarReaches } from "@/lib/resources/reach";
import { findResource } from "@/lib/resources/resources";
import { rulesFormValues } from "@/lib/resources/rules-schema";
import { RESOURCE_KINDS, resourceIdSchema, WHO_CAN_BOOK } from "@/lib/resources/schemas";
import { readSiteSettings } from "@/lib/site-settings";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const parsed = resourceIdSchema.safeParse((await params).id);
  const resource = parsed.success ? await findResource(parsed.data) : null;
  return { title: resource ? resource.name : "Resource" };
}
type Query = Promise<{ done?: string | string[] }>;

/** How many of the coming bank holidays the rules form names. */
const NEXT_HOLIDAYS = 3;

export default async function ResourcePage({ params, searchParams }: { params: Params; searchParams: Query }) {
  const [resource, { done }] = await Promise.all([resourceForAdminPage(params), searchParams]);
  const [{ timeZone, bankHolidayRegion }, reaches, organiser] = await Promise.all([
    readSiteSettings(),
    calendarReaches([resource]),
    resource.booking.organiserId ? findOrganiser(resource.booking.organiserId) : null,
  ]);
  const reach = reaches.get(resource.id)!;
  const today = todayIn(timeZone);
  const coming = [...bankHolidays(bankHolidayRegion, today, shiftIsoDate(today, { years: 1 }))]
    .slice(0, NEXT_HOLIDAYS)
    .map(([date, name]) => ({ date, name, words: formatIsoDate(date, { weekday: true }) }));
  const base = `/utilities/resources/${resource.id}`;
  const optional = (value: string | number | null) => (value === null ? <span className="text-muted">Not given</span> : String(value));

  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { href: "/utilities/resources", label: "Resources" }, { label: resource.name }]} />
      <h1>{resource.name}</h1>
      {done === "changed" ? <Banner kind="success" title="Details saved" testId="details-saved" focus /> : null}
      {done === "booking-mode" ? (
        <Banner
          kind="success"
          title={resource.booking.mode === "invitation" ? "Bookings are now made as invitations" : "Bookings are now made directly"}
          testId="booking-mode-saved"
          focus
        >
          <p>
            <Link href="#booking-mode-heading" className="hub-link">
              How bookings are made
            </Link>{" "}
            below says {resource.booking.mode === "invitation" ? "who sends them and " : ""}whether they can be Teams meetings.
          </p>
        </Banner>
      ) : null}

      <section aria-labelledby="details-heading" className="mb-12">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h2 id="details-heading">Details</h2>
          <Link href={`${base}/change`} className="hub-link inline-block py-0.5">
            Change details<span className="sr-only"> of {resource.name}</span>
          </Link>
        </div>
        <SummaryList
          testId="resource-details"
          rows={[
            { key: "kind", label: "Kind", value: RESOURCE_KINDS[resource.kind] },
            { key: "description", label: "Description", value: optional(resource.description) },
            { key: "capacity", label: "Capacity", value: resource.capacity === null ? optional(null) : `${resource.capacity} ${resource.capacity === 1 ? "person" : "people"}` },
            { key: "building", label: "Building", value: optional(resource.building) },
            { key: "floor", label: "Floor", value: optional(resource.floor) },
            { key: "wheelchairAccessible", label: "Wheelchair accessible", value: resource.wheelchairAccessible ? "Yes" : "No" },
            { key: "equipmentNotes", label: "Equipment", value: optional(resource.equipmentNotes) },
            { key: "whoCanBook", label: "Who can book", value: WHO_CAN_BOOK[resource.whoCanBook] },
            {
              key: "showOnBookingPage",
              label: "Booking page",
              value: resource.showOnBookingPage ? "Shown on the booking page" : "Not shown on the booking page: only the site's own code can book it",
            },
          ]}
        />
      </section>

      <section aria-labelledby="calendar-heading" className="mb-12">
        <h2 id="calendar-heading">The calendar behind it</h2>
        {reach.missing ? (
          <Warning title="The hub cannot reach this calendar" testId="calendar-unreachable">
            <p>
              The {reach.how === "application" ? "mailbox with application access" : "connected account"} behind it has been removed from the{" "}
              <Link href="/utilities/integrations/office365" className="hub-link">
                Office 365 page
              </Link>
              . Add it again there, or remove this resource.
            </p>
          </Warning>
        ) : null}
        <SummaryList
          testId="resource-calendar"
          rows={[
            { key: "calendar-name", label: "Calendar", value: `${resource.calendar.calendarName}${resource.calendar.isDefaultCalendar ? " (the mailbox's default calendar)" : ""}` },
            { key: "calendar-mailbox", label: "Mailbox", value: <Address>{resource.calendar.address}</Address> },
            {
              key: "calendar-how",
              label: "How the hub reaches it",
              value: (
                <>
                  {reach.label}
                  {reach.through ? (
                    <span className="block text-muted">
                      <Address>{`Through ${reach.through}`}</Address>
                    </span>
                  ) : null}
                </>
              ),
            },
            ...(resource.directoryAddress ? [{ key: "calendar-directory", label: "From the room directory", value: <Address>{resource.directoryAddress}</Address> }] : []),
          ]}
        />
      </section>

      <section aria-labelledby="booking-mode-heading" className="mb-12">
        <div className="flex flex-wrap items-baseline justify-between gap-4">
          <h2 id="booking-mode-heading">How bookings are made</h2>
          <Link href={`${base}/booking`} className="hub-link inline-block py-0.5">
            Change<span className="sr-only"> how bookings of {resource.name} are made</span>
          </Link>
        </div>
        <BookingModeSummary resource={resource} organiser={organiser} />
      </section>

      <section aria-labelledby="rules-heading" className="mb-12">
        <h2 id="rules-heading">Rules</h2>
        {resource.rulesUnreadable ? (
          <Warning title="Its opening hours could not be read" testId="rules-unreadable">
            <p>Until they are saved again, it is closed every day. Set them below and save.</p>
          </Warning>
        ) : null}
        <p className="mb-6 max-w-2xl">
          The hub applies these on the server, whoever books: the booking page, or the site&rsquo;s own code. Who can book it and whether it is on the booking
          page are among its <Link href={`${base}/change`} className="hub-link">details</Link>.
        </p>
        <RulesForm
          resourceId={resource.id}
          timeZone={timeZone}
          defaults={{ ...rulesFormValues(resource.rules), closedOnBankHolidays: resource.closedOnBankHolidays }}
          bankHolidays={{ regionLabel: bankHolidayRegion === "none" ? null : bankHolidayRegionLabel(bankHolidayRegion), next: coming }}
        />
      </section>

      <section aria-labelledby="closed-dates-heading" className="mb-12">
        <h2 id="closed-dates-heading">Closed dates</h2>
        {done === "date-removed" ? <Banner kind="success" title="Closed date removed" testId="closed-date-removed" focus /> : null}
        <p className="mb-6 max-w-2xl">Days it cannot be booked besides bank holidays, such as a building closure. Staff are shown the reason.</p>
        <ClosedDatesTable resourceId={resource.id} dates={resource.closedDates} />
        <h3>Add a closed date</h3>
        <AddClosedDateForm resourceId={resource.id} />
      </section>

      <section aria-labelledby="remove-heading" className="mb-12">
        <h2 id="remove-heading">Remove</h2>
        <p className="mb-4 max-w-2xl">Staff can then no longer book it. Bookings already made stay in Outlook and in the hub&rsquo;s list.</p>
        <form method="get" action={`${base}/remove`}>
          <button type="submit" className="hub-button hub-button-warning">
            Remove resource<span className="sr-only"> {resource.name}</span>
          </button>
        </form>
      </section>
    </>
  );
}
