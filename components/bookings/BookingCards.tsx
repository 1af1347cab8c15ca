import Link from "next/link";
import type { ReactNode } from "react";
import { Address } from "@/components/ui/Address";
import { ProgressLink } from "@/components/ui/Pending";
import type { BookingView } from "@/lib/integrations/office365/calendar/booking-list";
import type { RoomResponse } from "@/lib/integrations/office365/calendar/booking-status";
import { whenInWords } from "@/lib/resources/booking-words";
import { withReturn, type ReturnTo } from "@/lib/resources/return-to";

/** Bookings whose last write to Microsoft has not been confirmed yet: the hub sends it again shortly. */
const WAITING: Partial<Record<BookingView["status"], string>> = { pending: "Pending", updating: "Changing", cancelling: "Cancelling" };

/** A room's answer to its invitation, in plain words: GOV.UK tag colours, and what to do when it said no. */
const ROOM_ANSWERS: Record<RoomResponse, { tag: string; colours: string; words: string }> = {
  accepted: { tag: "Accepted", colours: "bg-[#cce2d8] text-[#005a30]", words: "The room accepted: it is booked." },
  tentativelyAccepted: {
    tag: "Tentative",
    colours: "bg-[#fff7bf] text-[#594d00]",
    words: "The room is holding the time for now: someone who looks after the room has still to accept it.",
  },
  none: { tag: "No response yet", colours: "bg-[#e5e6e7] text-[#282d30]", words: "The room has not answered yet. Its answer is shown here when it does." },
  declined: {
    tag: "Declined",
    colours: "bg-[#f4cdc6] text-[#942514]",
    words: "The room is not booked: it declined this time. Change the time, or cancel the booking.",
  },
};

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex flex-col gap-1 border-b border-line py-2 sm:flex-row sm:gap-4" data-testid={testId}>
      <dt className="font-bold sm:w-48 sm:flex-none">{label}</dt>
      <dd className="min-w-0 sm:flex-1">{children}</dd>
    </div>
  );
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
        const answer = booking.roomResponse ? ROOM_ANSWERS[booking.roomResponse] : null;
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
                        Change time<span className="sr-only"> of {booking.subject}</span>
                      </ProgressLink>
                    </li>
                  ) : null}
                  <li>
                    <Link href={withReturn(`/bookings/${booking.id}/cancel`, back)} className="hub-link inline-block py-0.5">
                      Cancel<span className="sr-only"> {booking.subject}</span>
                    </Link>
                  </li>
                </ul>
              ) : null}
            </div>
            <dl className="px-4 pb-2">
              <Row label="When" testId="booking-when">
                {whenInWords(booking.start, booking.end)}
              </Row>
              <Row label="Room or resource">
                <Address>{booking.calendar}</Address>
                {booking.resourceId ? null : <span className="block text-base text-muted">No longer a resource in the hub: its time cannot be changed here, only cancelled.</span>}
              </Row>
              {booking.repeat ? (
                <Row label="Repeats" testId="booking-repeat">
                  {booking.repeat}
                </Row>
              ) : null}
              {answer ? (
                <Row label="Room's answer" testId="room-answer">
                  <strong className={`hub-tag ${answer.colours}`}>{answer.tag}</strong>
                  <span className={`block ${booking.roomResponse === "declined" ? "font-bold" : ""}`}>{answer.words}</span>
                </Row>
              ) : null}
              {booking.teams ? (
                <Row label="Teams meeting" testId="booking-teams">
                  {booking.joinUrl ? (
                    <a href={booking.joinUrl} className="hub-link inline-block py-0.5" target="_blank" rel="noopener noreferrer">
                      Join the Teams meeting<span className="sr-only"> (opens in a new tab)</span>
                    </a>
                  ) : (
                    "Microsoft has not made the meeting's link yet."
                  )}
                </Row>
              ) : null}
              {WAITING[booking.status] ? (
                <Row label="Status" testId="booking-waiting">
                  <strong className="hub-tag bg-[#fcd6c3] text-[#6e3619]">{WAITING[booking.status]}</strong>{" "}
                  <span className="block">{booking.errorMessage ?? "Waiting for Microsoft to confirm."}</span>
                </Row>
              ) : booking.errorMessage ? (
                <Row label="Problem" testId="booking-problem">
                  {booking.errorMessage}
                </Row>
              ) : null}
              {showWho ? (
                <Row label="Booked by" testId="booked-by">
                  {booking.mine ? "You" : <Address>{booking.createdByEmail}</Address>}
                </Row>
              ) : null}
            </dl>
            {booking.webLink ? (
              <p className="px-4 pt-1 pb-3">
                <a href={booking.webLink} className="hub-link inline-block py-0.5" target="_blank" rel="noopener noreferrer">
                  Open in Outlook<span className="sr-only"> (opens in a new tab)</span>
                </a>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
