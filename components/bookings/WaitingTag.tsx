import type { BookingView } from "@/lib/integrations/office365/calendar/booking-list";

/** Bookings whose last write to Microsoft has not been confirmed yet: the hub sends it again shortly. */
const WAITING: Partial<Record<BookingView["status"], string>> = { pending: "Pending", updating: "Changing", cancelling: "Cancelling" };

export const isWaiting = (booking: Pick<BookingView, "status">) => WAITING[booking.status] !== undefined;

/** "Pending", "Changing" or "Cancelling", and why (or that Microsoft has still to confirm). */
export function WaitingTag({ booking }: { booking: Pick<BookingView, "status" | "errorMessage"> }) {
  return (
    <>
      <strong className="hub-tag bg-[#fcd6c3] text-[#6e3619]">{WAITING[booking.status]}</strong> {booking.errorMessage ?? "Waiting for Microsoft to confirm."}
    </>
  );
}
