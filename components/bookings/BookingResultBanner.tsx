import { Banner } from "@/components/ui/notices";
import type { BookingView } from "@/lib/integrations/office365/calendar/booking-list";
import { whenInWords } from "@/lib/resources/booking-words";

/**
 * What a booking's Cancel or Change time page did, said at the top of My bookings (reached by a redirect, so the
 * banner takes focus). `cancelled`: what was cancelled (?cancelled=); `changed`: the booking moved (?changed=<id>),
 * read from the list so its new time is the one Outlook now has.
 */
export function BookingResultBanner({ cancelled, changed }: { cancelled?: string; changed?: { booking: BookingView | undefined } }) {
  if (changed) {
    const { booking } = changed;
    if (!booking) return <Banner kind="success" title="Booking changed" testId="booking-changed" focus />;
    return (
      <Banner kind="success" title={`Booking changed: ${booking.subject}`} testId="booking-changed" focus>
        <p>
          {booking.calendar}, {whenInWords(booking.start, booking.end)}
        </p>
        {booking.status === "updating" ? <p>Microsoft has not confirmed the change yet: the hub sends it again shortly.</p> : null}
        {booking.roomResponse !== null ? <p>The room has been asked again and answers the new time itself: its answer is shown with the booking below.</p> : null}
      </Banner>
    );
  }
  if (cancelled === "waiting") {
    return (
      <Banner title="Microsoft has not confirmed the cancellation yet" testId="booking-cancelled" focus>
        <p>The hub sends it again shortly, and never twice. Until Microsoft confirms, the booking is shown as Cancelling.</p>
      </Banner>
    );
  }
  if (!cancelled) return null;
  const title = cancelled === "series" ? "The rest of the series was cancelled" : cancelled === "date" ? "The date was cancelled" : "The booking was cancelled";
  return (
    <Banner kind="success" title={title} testId="booking-cancelled" focus>
      {cancelled === "date" ? <p>The other dates of the series are still booked.</p> : null}
    </Banner>
  );
}
