import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { listBookings, listMyBookings, listResources } from "@/app/actions/calendar";
import { BookingCards } from "@/components/bookings/BookingCards";
import { BookingResultBanner } from "@/components/bookings/BookingResultBanner";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui/ErrorSummary";
import { Select } from "@/components/ui/fields";
import { ProgressSubmit } from "@/components/ui/Pending";
import { requirePageUser } from "@/lib/auth/session";
import { BOOKING_LIST_TITLE } from "@/lib/resources/booking-words";
import type { ResourceSummary } from "@/lib/resources/resources";
import type { ReturnTo } from "@/lib/resources/return-to";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: BOOKING_LIST_TITLE };

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** An administrator's resource filter: a GET form, so each resource's list has its own address and works without JavaScript. */
function ResourceFilter({ resources, chosen, error }: { resources: ResourceSummary[]; chosen?: string; error?: string }) {
  return (
    <Form action="/bookings/mine" className="mb-8">
      <Select
        name="resource"
        label="Resource"
        error={error}
        className="!w-auto max-w-full"
        defaultValue={chosen ?? ""}
        options={[
          { value: "", label: "All resources" },
          ...resources.map((resource) => ({ value: resource.id, label: resource.building ? `${resource.name} (${resource.building})` : resource.name })),
        ]}
      />
      <ProgressSubmit className="hub-button hub-button-secondary" pendingText="Reading the bookings…">
        Show bookings
      </ProgressSubmit>
    </Form>
  );
}

/**
 * My bookings: the signed-in user's upcoming bookings, soonest first, each with Change time and Cancel.
 * Administrators see everyone's (with who made each) and can show one resource's. Read through the calendar server
 * actions, which check the caller themselves.
 */
export default async function MyBookingsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requirePageUser("staff");
  const [query, timeZone] = await Promise.all([searchParams, readSiteTimeZone()]);
  const admin = user.role === "admin";
  const problems: ErrorSummaryItem[] = [];

  const resources = admin ? await listResources() : undefined;
  if (resources && !resources.ok) problems.push({ message: resources.error.message });
  const asked = admin ? single(query.resource) : undefined;
  const filter = asked && resources?.ok ? resources.data.find((resource) => resource.id === asked) : undefined;
  const filterError = asked && resources?.ok && !filter ? "Choose a resource from the list" : undefined;
  if (filterError) problems.push({ field: "resource", message: filterError });

  const bookings = admin ? await listBookings({ timeZone, ...(filter ? { resourceId: filter.id } : {}) }) : await listMyBookings({ timeZone });
  if (!bookings.ok) problems.push({ message: bookings.error.message });
  const shown = bookings.ok ? bookings.data : [];
  const back: ReturnTo = filter ? { to: "mine", resource: filter.id } : { to: "mine" };
  const changed = single(query.changed);
  const empty = admin
    ? filter
      ? `There are no upcoming bookings of ${filter.name}.`
      : "There are no upcoming bookings made through the hub."
    : "You have no upcoming bookings.";

  return (
    <>
      <h1>{BOOKING_LIST_TITLE}</h1>
      <BookingResultBanner cancelled={single(query.cancelled)} changed={changed ? { booking: shown.find((booking) => booking.id === changed) } : undefined} />
      <ErrorSummary errors={problems} />
      <p className="mb-8 max-w-3xl">
        {admin
          ? "Everyone's upcoming bookings made through the hub, soonest first. As an administrator you can change or cancel any of them."
          : "Your upcoming bookings made through the hub, soonest first."}{" "}
        Times are in {timeZone}.
      </p>
      {resources?.ok ? <ResourceFilter resources={resources.data} chosen={filter?.id} error={filterError} /> : null}
      {bookings.ok && shown.length === 0 ? (
        <div data-testid="no-bookings">
          <p className="mb-4">{empty}</p>
          <p>
            <Link href="/bookings" className="hub-link">
              Book a room or resource
            </Link>
          </p>
        </div>
      ) : null}
      {shown.length > 0 ? <BookingCards bookings={shown} back={back} showWho={admin} /> : null}
    </>
  );
}
