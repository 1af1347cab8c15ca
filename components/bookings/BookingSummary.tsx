import { SummaryList } from "@/components/resources/SummaryList";
import { Address } from "@/components/ui/Address";
import type { BookingDetails } from "@/lib/resources/booking-details";
import { whenInWords } from "@/lib/resources/booking-words";

/** What a booking is, on its Cancel and Change time pages: so the user knows which one they are about to change. */
export function BookingSummary({ booking }: { booking: BookingDetails }) {
  const dates = booking.series?.dates.length ?? 0;
  return (
    <SummaryList
      testId="booking-summary"
      rows={[
        { key: "summary-subject", label: "Booking", value: <span className="wrap-anywhere">{booking.subject}</span> },
        { key: "summary-resource", label: "Room or resource", value: <Address>{booking.calendar}</Address> },
        { key: "summary-when", label: "When", value: whenInWords(booking.start, booking.end) },
        ...(booking.series
          ? [{ key: "summary-repeat", label: "Repeats", value: `${booking.series.repeat}: this is one of ${dates} date${dates === 1 ? "" : "s"} still to come` }]
          : []),
      ]}
    />
  );
}
