import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookingSummary } from "@/components/bookings/BookingSummary";
import { CancelBookingForm } from "@/components/bookings/CancelBookingForm";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { requirePageUser } from "@/lib/auth/session";
import { bookingDetails } from "@/lib/resources/booking-details";
import { cancelScopeWords } from "@/lib/resources/booking-words";
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
  const booking = await bookingDetails(user, bookingId, timeZone);
  // Someone else's booking (staff may cancel only their own) is not found, as one that does not exist; the action checks again.
  if (!booking) notFound();
  return (
    <>
      <Breadcrumbs trail={[{ href: returnHref(back), label: returnLabel(back) }, { label: "Cancel booking" }]} />
      <h1>Are you sure you want to cancel this booking?</h1>
      <BookingSummary booking={booking} />
      <p className="mb-8 max-w-3xl">The event is deleted from the calendar in Microsoft 365, and anyone invited is told it is cancelled.</p>
      <CancelBookingForm bookingId={booking.id} back={returnFields(back)} scopes={cancelScopeWords(booking)} keepHref={returnHref(back)} />
    </>
  );
}
