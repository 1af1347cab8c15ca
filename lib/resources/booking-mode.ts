import "server-only";
import { recordAudit, type AuditActor } from "../audit";
import { db } from "../db";
import { HubError } from "../errors";
import { allowsTeams, readCalendar, readDefaultCalendar } from "../integrations/office365/calendar/calendars";
import { bookerSource, resolveSource, type CalendarSource } from "../integrations/office365/calendar/sources";
import { bookerMayOrganise } from "./organisers";
import { AUDIT_TARGET, sourceOfResource, toResource, type Resource } from "./resources";
import type { BookingModeChoice } from "./schemas";

/**
 * How bookings reach a resource, and whether they can be Teams meetings.
 * - Directly: the event is written into the resource's own calendar (the hub's rules decide; Exchange's room policy
 *   is bypassed, as for any direct write with application permissions).
 * - As an invitation: the event is written into an organiser's calendar with the room as a resource attendee, so the
 *   room's booking assistant in Exchange accepts or declines it by its own policy. The organiser is a connected
 *   account or application-access mailbox the administrator chose, or the person booking (their own mailbox with the
 *   app's application permission: hub users do not sign in to Microsoft).
 * Teams is offered only when the calendar the event is written to allows it (allowedOnlineMeetingProviders).
 */

/** Where a resource's invitation is written from, for this person booking. */
export function organiserSource(resource: Resource, booker: { email: string }): Promise<CalendarSource> {
  return resource.booking.organiserId ? resolveSource({ accountId: resource.booking.organiserId }, "organiser") : bookerSource(booker.email);
}

/** Teams providers of people's own calendars (the person booking as organiser), for ten minutes: not read per view. */
const BOOKER_PROVIDERS_MS = 10 * 60_000;
const bookerProviders = new Map<string, { providers: string[]; at: number }>();

/** Whether a booking of this resource by this person can be a Teams meeting. */
export async function teamsOffered(resource: Resource, booker: { email: string }): Promise<boolean> {
  if (resource.booking.mode === "invitation" && resource.booking.organiserId === null) {
    const address = booker.email.toLowerCase();
    const known = bookerProviders.get(address);
    if (known && Date.now() - known.at < BOOKER_PROVIDERS_MS) return allowsTeams(known.providers);
    const calendar = await readDefaultCalendar(await bookerSource(address));
    if (bookerProviders.size >= 1_000) bookerProviders.clear();
    bookerProviders.set(address, { providers: calendar.onlineMeetingProviders, at: Date.now() });
    return allowsTeams(calendar.onlineMeetingProviders);
  }
  if (resource.booking.onlineMeetingProviders !== null) return allowsTeams(resource.booking.onlineMeetingProviders);
  // Not read yet (a resource from before Teams meetings): read once and kept.
  const providers = await readProviders(resource, resource.booking);
  await db.resource.update({ where: { id: resource.id }, data: { onlineMeetingProviders: JSON.stringify(providers ?? []) } });
  return allowsTeams(providers);
}

/** The providers of the calendar bookings will be written to under a mode (null: the person booking's, not known here). */
async function readProviders(resource: Resource, mode: Pick<Resource["booking"], "mode" | "organiserId">): Promise<string[] | null> {
  if (mode.mode === "invitation") {
    if (!mode.organiserId) return null;
    return (await readDefaultCalendar(await resolveSource({ accountId: mode.organiserId }, "organiser"))).onlineMeetingProviders;
  }
  return (await readCalendar(await sourceOfResource(resource), resource.calendar.calendarId)).onlineMeetingProviders;
}

/**
 * Sets how bookings reach a resource. An invitation needs the room's own mailbox (its default calendar: a mailbox is
 * invited by its address) and an organiser other than the room, whose calendar the hub can reach — read from
 * Microsoft before anything is saved — or the person booking, once the app has application access.
 */
export async function updateBookingMode(actor: AuditActor, id: string, choice: BookingModeChoice): Promise<Resource> {
  const row = await db.resource.findUnique({ where: { id } });
  if (!row) throw new HubError("unknown_resource", undefined, { field: "resourceId" });
  const resource = toResource(row);
  if (choice.mode === "invitation") {
    if (!resource.calendar.isDefaultCalendar) throw new HubError("invitation_needs_mailbox", { calendar: resource.calendar.calendarName, address: resource.calendar.address }, { field: "bookingMode" });
    if (choice.organiserId) {
      const organiser = await resolveSource({ accountId: choice.organiserId }, "organiser");
      if (organiser.address.toLowerCase() === resource.calendar.address) throw new HubError("organiser_is_room", { address: organiser.address }, { field: "organiser" });
    } else if (!(await bookerMayOrganise())) {
      throw new HubError("booker_needs_application_access", undefined, { field: "organiser" });
    }
  }
  const providers = await readProviders(resource, choice).catch((error: unknown) => {
    throw error instanceof HubError ? error.forField(choice.mode === "invitation" ? "organiser" : "bookingMode") : error;
  });
  return db.$transaction(async (tx) => {
    const updated = await tx.resource.update({
      where: { id },
      data: { bookingMode: choice.mode, organiserId: choice.organiserId, onlineMeetingProviders: providers === null ? null : JSON.stringify(providers) },
    });
    await recordAudit(tx, { actor, action: "resource.booking_mode_changed", target: AUDIT_TARGET, detail: `${row.name}: ${choice.mode}` });
    return toResource(updated);
  });
}
