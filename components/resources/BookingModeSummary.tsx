import { Address } from "@/components/ui/Address";
import { allowsTeams } from "@/lib/integrations/office365/calendar/calendars";
import type { Organiser } from "@/lib/resources/organisers";
import type { Resource } from "@/lib/resources/resources";
import { BOOKING_MODES } from "@/lib/resources/schemas";
import { SummaryList, type SummaryRow } from "./SummaryList";

/**
 * A resource's booking mode in words, on its page: how it is booked, who sends the invitations, and whether bookings
 * can be Teams meetings (from the calendar bookings are written to, as read when the mode was saved).
 * `organiser`: the chosen organiser, or null when it has been removed from the Office 365 page since.
 */
export function BookingModeSummary({ resource, organiser }: { resource: Resource; organiser: Organiser | null }) {
  const { booking } = resource;
  const rows: SummaryRow[] = [{ key: "booking-mode", label: "Booked", value: BOOKING_MODES[booking.mode] }];
  if (booking.mode === "invitation") rows.push({ key: "booking-organiser", label: "Invitations sent by", value: organiserWords(booking.organiserId, organiser) });
  rows.push({ key: "booking-teams", label: "Teams meetings", value: teamsWords(resource, organiser) });
  return <SummaryList testId="booking-mode" rows={rows} />;
}

function organiserWords(organiserId: string | null, organiser: Organiser | null) {
  if (organiserId === null) return "The person booking, from their own mailbox";
  if (!organiser) {
    return <strong data-testid="organiser-removed">A mailbox since removed from the Office 365 page: bookings are refused until you choose another</strong>;
  }
  return (
    <>
      <Address>{organiser.address}</Address>
      <span className="block text-muted">
        {organiser.kind === "account" ? "A connected account" : "A mailbox with application access"}
        {organiser.needsReconnect ? ": it must be reconnected on the Office 365 page before it can send invitations" : ""}
      </span>
    </>
  );
}

function teamsWords(resource: Resource, organiser: Organiser | null) {
  const { booking } = resource;
  if (booking.mode === "invitation" && booking.organiserId === null) return "Allowed when the calendar of the person booking allows them";
  if (booking.onlineMeetingProviders === null) {
    return "Not checked with Microsoft yet: the hub checks when its free times are next shown, or when how bookings are made is saved";
  }
  if (allowsTeams(booking.onlineMeetingProviders)) return "Allowed by the calendar: staff can ask for a Teams meeting when they book";
  const calendar = booking.mode === "invitation" ? `the calendar of ${organiser?.address ?? "the organiser"}` : "the room's calendar";
  return (
    <Address>{`Not allowed by the calendar bookings are written to (${calendar}). Once an Exchange administrator allows Teams meetings there, save how bookings are made again so the hub reads it again.`}</Address>
  );
}
