import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { listBookings, listMyBookings, listResources } from "@/app/actions/calendar";
import { BookingCards } from "@/components/bookings/BookingCards";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui/ErrorSummary";
import { ErrorMessage } from "@/components/ui/fields";
import { ProgressSubmit } from "@/components/ui/Pending";
import { Banner } from "@/components/ui/notices";
import { currentUser, requirePageUser } from "@/lib/auth/session";
import type { BookingView } from "@/lib/integrations/office365/calendar/booking-list";
import { whenInWords } from "@/lib/resources/booking-words";
import type { ResourceSummary } from "@/lib/resources/resources";
import { bookingListTitle, type ReturnTo } from "@/lib/resources/return-to";
import { readSiteTimeZone } from "@/lib/site-settings";

export async function generateMetadata(): Promise<Metadata> {
  const user = await currentUser();
  return { title: bookingListTitle(user?.role ?? "staff") };
}

type Query = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** What Cancel reported (?cancelled=), as the banner that takes focus. */
function CancelledBanner({ what }: { what: string }) {
  if (what === "waiting") {
    return (
      <Banner title="Microsoft has not confirmed the cancellation yet" testId="booking-cancelled" focus>
        <p>The hub sends it again shortly, and never twice. Until Microsoft confirms, the booking is shown as Cancelling.</p>
      </Banner>
    );
  }
  const title = what === "series" ? "The rest of the series was cancelled" : what === "date" ? "The date was cancelled" : "The booking was cancelled";
  return (
    <Banner kind="success" title={title} testId="booking-cancelled" focus>
      {what === "date" ? <p>The other dates of the series are still booked.</p> : null}
    </Banner>
  );
}

/** What Change time reported (?changed=<bookingId>): the booking's new time, read from the list below. */
function ChangedBanner({ booking }: { booking: BookingView | undefined }) {
  if (!booking) return <Banner kind="success" title="The time was changed" testId="booking-changed" focus />;
  return (
    <Banner kind="success" title={`Time changed: ${booking.subject}`} testId="booking-changed" focus>
      <p>
        {booking.calendar}, {whenInWords(booking.start, booking.end)}
      </p>
      {booking.status === "updating" ? <p>Microsoft has not confirmed the change yet: the hub sends it again shortly.</p> : null}
      {booking.roomResponse !== null ? <p>The room has been asked again and answers the new time itself: its answer is shown with the booking below.</p> : null}
    </Banner>
  );
}

/**
 * My bookings: the signed-in user's upcoming bookings, soonest first, each with Change time and Cancel. Administrators
 * see everyone's (with who made each), and can show one resource's. Read through the calendar server actions, which
 * check the caller themselves.
 */
export default async function MyBookingsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requirePageUser("staff");
  const [query, timeZone] = await Promise.all([searchParams, readSiteTimeZone()]);
  const admin = user.role === "admin";
  const problems: ErrorSummaryItem[] = [];

  let resources: ResourceSummary[] = [];
  if (admin) {
    const answer = await listResources();
    if (answer.ok) resources = answer.data;
    else problems.push({ message: answer.error.message });
  }
  const asked = admin ? single(query.resource) : undefined;
  const filterError = asked && !resources.some((resource) => resource.id === asked) ? "Choose a resource from the list" : undefined;
  if (filterError) problems.push({ field: "resource", message: filterError });
  const filter = asked && !filterError ? resources.find((resource) => resource.id === asked) : undefined;

  const bookings = admin ? await listBookings({ timeZone, ...(filter ? { resourceId: filter.id } : {}) }) : await listMyBookings({ timeZone });
  if (!bookings.ok) problems.push({ message: bookings.error.message });
  const shown = bookings.ok ? bookings.data : [];
  const back: ReturnTo = filter ? { to: "mine", resource: filter.id } : { to: "mine" };

  const cancelled = single(query.cancelled);
  const changed = single(query.changed);
  const empty = admin
    ? filter
      ? `There are no upcoming bookings of ${filter.name}.`
      : "There are no upcoming bookings made through the hub."
    : "You have no upcoming bookings.";

  return (
    <>
      <h1>{bookingListTitle(user.role)}</h1>
      {cancelled ? <CancelledBanner what={cancelled} /> : null}
      {changed ? <ChangedBanner booking={shown.find((booking) => booking.id === changed)} /> : null}
      <ErrorSummary errors={problems} />
      <p className="mb-8 max-w-3xl">
        {admin
          ? "Everyone's upcoming bookings made through the hub, soonest first. As an administrator you can change or cancel any of them."
          : "Your upcoming bookings made through the hub, soonest first."}{" "}
        Times are in {timeZone}.
      </p>
      {admin ? (
        <Form action="/bookings/mine" className="mb-8 flex flex-wrap items-end gap-4">
          <div className={filterError ? "border-l-4 border-danger pl-4" : ""}>
            <label htmlFor="resource" className="mb-1 block font-bold">
              Resource
            </label>
            {filterError ? <ErrorMessage id="resource-error">{filterError}</ErrorMessage> : null}
            <select
              id="resource"
              name="resource"
              defaultValue={filter?.id ?? ""}
              aria-invalid={filterError ? true : undefined}
              aria-describedby={filterError ? "resource-error" : undefined}
              className="hub-input !w-auto max-w-full"
            >
              <option value="">All resources</option>
              {resources.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.building ? `${resource.name} (${resource.building})` : resource.name}
                </option>
              ))}
            </select>
          </div>
          <ProgressSubmit className="hub-button hub-button-secondary" pendingText="Reading the bookings from Microsoft…">
            Show bookings
          </ProgressSubmit>
        </Form>
      ) : null}
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
