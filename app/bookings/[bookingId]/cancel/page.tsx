import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { BookingSummary } from "@/components/bookings/BookingSummary";
import { CancelBookingForm } from "@/components/bookings/CancelBookingForm";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { requirePageUser } from "@/lib/auth/session";
import { bookingDetails } from "@/lib/resources/booking-details";
import { dayOf } from "@/lib/resources/booking-words";
import { returnFields, returnHref, returnLabel, returnToFrom } from "@/lib/resources/return-to";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Cancel booking" };

/**
 * Are you sure? A booking is cancelled only from here, after the user has seen which one it is. For a date of a
 * repeating booking: only this date, or the rest of the series. Then back where the user came from.
 */
export default async function CancelBookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ bookingId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("staff");
  const [{ bookingId }, query, timeZone] = await Promise.all([params, searchParams, readSiteTimeZone()]);
  const back = returnToFrom(query);
  const found = await bookingDetails(user, bookingId, timeZone);
  // Someone else's booking: staff may cancel only their own (the action checks this again).
  if (found === "not_yours") redirect("/access-denied");
  if (!found) notFound();
  const booking = found;
  const series = booking.series;
  const later = series ? series.dates.slice(series.dates.findIndex((date) => date.id === booking.id)) : [];
  const first = series?.dates[0];
  const scopes =
    series && series.dates.length > 1 && first
      ? {
          booking: { label: `Only this date (${dayOf(booking.start)})` },
          series:
            first.id === booking.id
              ? { label: "This date and the rest of the series", hint: `${later.length} dates, ${dayOf(booking.start)} to ${dayOf(later.at(-1)!.start)}` }
              : {
                  label: "Every date left in the series",
                  hint: `${series.dates.length} dates, ${dayOf(first.start)} to ${dayOf(series.dates.at(-1)!.start)}, including dates before this one`,
                },
        }
      : undefined;
  return (
    <>
      <Breadcrumbs trail={[{ href: returnHref(back), label: returnLabel(back, user.role) }, { label: "Cancel booking" }]} />
      <h1>Are you sure you want to cancel this booking?</h1>
      <BookingSummary booking={booking} />
      <p className="mb-8 max-w-3xl">The event is deleted from the calendar in Microsoft 365, and anyone invited is told it is cancelled.</p>
      <CancelBookingForm bookingId={booking.id} back={returnFields(back)} scopes={scopes} keepHref={returnHref(back)} />
    </>
  );
}
