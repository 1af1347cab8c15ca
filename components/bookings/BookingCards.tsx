import Link from "next/link";
import type { ReactNode } from "react";
import { WaitingTag, isWaiting } from "@/components/bookings/WaitingTag";
import { SummaryList, type SummaryRow } from "@/components/resources/SummaryList";
import { Address } from "@/components/ui/Address";
import { NewTabLink } from "@/components/ui/NewTabLink";
import { ProgressLink } from "@/components/ui/Pending";
import type { BookingView } from "@/lib/integrations/office365/calendar/booking-list";
import type { RoomResponse } from "@/lib/integrations/office365/calendar/booking-status";
import { bookingInWords, whenInWords } from "@/lib/resources/booking-words";
import { withReturn, type ReturnTo } from "@/lib/resources/return-to";

/** A room's answer to its invitation, in plain words: GOV.UK tag colours, and what to do when it said no. */
const ROOM_ANSWERS: Record<RoomResponse, { tag: string; colours: string; words: string }> = {
  accepted: { tag: "Accepted", colours: "bg-[#cce2d8] text-[#005a30]", words: "The room accepted: it is booked." },
  tentativelyAccepted: {
    tag: "Tentative",
    colours: "bg-[#fff7bf] text-[#594d00]",
    words: "The room is holding the time for now: someone who looks after the room has still to accept it.",
  },
  none: { tag: "Waiting for the room's answer", colours: "bg-[#e5e6e7] text-[#282d30]", words: "The room has not answered yet. Its answer is shown here when it does." },
  declined: {
    tag: "Declined",
    colours: "bg-[#f4cdc6] text-[#942514]",
    words: "The room is not booked: it declined this time. Change the time, or cancel the booking.",
  },
};

/** What a card says about its booking, a row each; rows that do not apply are left out. */
function rowsOf(booking: BookingView, showWho: boolean): SummaryRow[] {
  const row = (name: string, label: string, value: ReactNode, testId?: string): SummaryRow => ({ key: `${booking.id}-${name}`, label, value, testId });
  const answer = booking.roomResponse ? ROOM_ANSWERS[booking.roomResponse] : null;
  const rows: (SummaryRow | false)[] = [
    row("when", "When", whenInWords(booking.start, booking.end), "booking-when"),
    row(
      "resource",
      "Room or resource",
      <>
        <Address>{booking.calendar}</Address>
        {booking.resourceId ? null : <span className="block text-base text-muted">No longer a resource in the hub: its time cannot be changed here, only cancelled.</span>}
      </>,
    ),
    booking.repeat !== null && row("repeat", "Repeats", booking.repeat, "booking-repeat"),
    answer !== null &&
      row(
        "answer",
        "Room's answer",
        <>
          <strong className={`hub-tag ${answer.colours}`}>{answer.tag}</strong>
          <span className={`block ${booking.roomResponse === "declined" ? "font-bold" : ""}`}>{answer.words}</span>
        </>,
        "room-answer",
      ),
    booking.teams &&
      row(
        "teams",
        "Teams meeting",
        booking.joinUrl ? (
          <NewTabLink href={booking.joinUrl} className="hub-link inline-block py-0.5">
            Join the Teams meeting
          </NewTabLink>
        ) : (
          "Microsoft has not made the meeting's link yet."
        ),
        "booking-teams",
      ),
    isWaiting(booking) ? row("status", "Status", <WaitingTag booking={booking} />, "booking-waiting") : booking.errorMessage !== null && row("problem", "Problem", booking.errorMessage, "booking-problem"),
    showWho && row("who", "Booked by", booking.mine ? "You" : <Address>{booking.createdByEmail}</Address>, "booked-by"),
  ];
  return rows.filter((entry) => entry !== false);
}

/**
 * Upcoming bookings as GOV.UK summary cards, soonest first: each says what and when in words, how it repeats, the
 * room's answer, the Teams link, and offers Change time and Cancel to whoever may change it. Cards stack, so a phone
 * never scrolls sideways. `back`: where Cancel and Change time return to.
 */
export function BookingCards({ bookings, back, showWho }: { bookings: BookingView[]; back: ReturnTo; showWho: boolean }) {
  return (
    <ul className="space-y-6" data-testid="booking-cards">
      {bookings.map((booking) => {
        const headingId = `booking-${booking.id}`;
        const which = bookingInWords(booking.calendar, booking.start);
        return (
          <li key={booking.id} aria-labelledby={headingId} className="border-2 border-line" data-testid="booking-card" data-booking-id={booking.id}>
            <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 border-b-2 border-line bg-panel px-4 py-3">
              <h2 id={headingId} className="!mb-0 min-w-0 text-xl wrap-anywhere">
                {booking.subject}
              </h2>
              {booking.canChange ? (
                <ul className="flex flex-wrap gap-x-6 gap-y-1">
                  {booking.resourceId ? (
                    <li>
                      <ProgressLink href={withReturn(`/bookings/${booking.id}/change`, back)} className="hub-link inline-block py-0.5">
                        Change time<span className="sr-only"> for {which}</span>
                      </ProgressLink>
                    </li>
                  ) : null}
                  <li>
                    <Link href={withReturn(`/bookings/${booking.id}/cancel`, back)} className="hub-link inline-block py-0.5">
                      Cancel<span className="sr-only"> booking for {which}</span>
                    </Link>
                  </li>
                </ul>
              ) : null}
            </div>
            <SummaryList className="px-4" rows={rowsOf(booking, showWho)} />
            {booking.webLink ? (
              <p className="px-4 pt-1 pb-3">
                <NewTabLink href={booking.webLink} className="hub-link inline-block py-0.5">
                  Open in Outlook
                </NewTabLink>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
