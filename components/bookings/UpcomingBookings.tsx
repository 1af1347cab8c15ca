import { DateTime } from "luxon";
import { WaitingTag, isWaiting } from "@/components/bookings/WaitingTag";
import { Address } from "@/components/ui/Address";
import { NewTabLink } from "@/components/ui/NewTabLink";
import type { BookingView } from "@/lib/integrations/office365/calendar/booking-list";


function when(booking: BookingView) {
  const start = DateTime.fromISO(booking.start, { setZone: true });
  const end = DateTime.fromISO(booking.end, { setZone: true });
  return `${start.toFormat("ccc d MMM yyyy, HH:mm")} to ${end.toFormat("HH:mm")}`;
}

/**
 * Bookings made through the hub that have not ended, each with Cancel (which asks for confirmation first). `back`: the
 * resource and day the list is shown with, where Cancel returns to.
 */
export function UpcomingBookings({ bookings, back }: { bookings: BookingView[]; back?: { resource: string; date: string } }) {
  if (bookings.length === 0) return <p data-testid="no-bookings">No upcoming bookings have been made through the hub.</p>;
  return (
    <table className="hub-table" data-testid="bookings">
      <caption className="sr-only">Upcoming bookings made through the hub</caption>
      <thead>
        <tr>
          <th scope="col">Booking</th>
          <th scope="col">When</th>
          <th scope="col">Resource</th>
          <th scope="col" className="hub-table-actions">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {bookings.map((booking) => (
          <tr key={booking.id} data-testid="booking-row">
            <th scope="row" className="font-normal">
              <strong>{booking.subject}</strong>
              {isWaiting(booking) ? (
                <p className="text-base" data-testid="booking-waiting">
                  <WaitingTag booking={booking} />
                </p>
              ) : booking.errorMessage ? (
                <p className="text-base" data-testid="booking-problem">
                  {booking.errorMessage}
                </p>
              ) : null}
              {booking.webLink ? (
                <div className="text-base">
                  <NewTabLink href={booking.webLink}>Open in Outlook</NewTabLink>
                </div>
              ) : null}
            </th>
            <td data-label="When">{when(booking)}</td>
            <td className="text-base" data-label="Resource">
              <Address>{booking.calendar}</Address>
              <div className="text-muted" data-testid="booked-by">
                {booking.mine ? "Booked by you" : <Address>{`Booked by ${booking.createdByEmail}`}</Address>}
              </div>
            </td>
            <td className="hub-table-actions">
              {booking.canChange ? (
                <form method="get" action={`/bookings/${booking.id}/cancel`}>
                  {back ? (
                    <>
                      <input type="hidden" name="resource" value={back.resource} />
                      <input type="hidden" name="date" value={back.date} />
                    </>
                  ) : null}
                  <button type="submit" className="hub-button hub-button-secondary">
                    Cancel<span className="sr-only"> {booking.subject}</span>
                  </button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
