import "server-only";
import type { DateTime } from "luxon";
import { db } from "../db";
import { HubError, type Audience, type PublicError } from "../errors";
import { log } from "../log";
import { calendarSlotsProblem } from "../integrations/office365/calendar/schemas";
import { readOccupancies, type Occupancy, type OccupancyRequest } from "../integrations/office365/calendar/occupancy";
import { mayChange } from "../integrations/office365/calendar/bookings";
import { readSiteSettings } from "../site-settings";
import { isoAt } from "../time";
import { closedOn, type BankHolidayRegion } from "./closed-dates";
import { teamsOffered } from "./booking-mode";
import { bookableOrRefused, findResources, sourcesOfResources, type Resource, type Viewer } from "./resources";
import { bookingRefusal, resourcePeriods, type RuleContext, type Slot, type SlotStatus } from "./rules";

/**
 * Availability of resources under their rules, for the booking page, Find a room and the site's own code. Outlook is
 * read once per resource (getSchedule for a mailbox's default calendar with one place per slot, 20 mailboxes a
 * request; calendarView otherwise, where the hub's own bookings must be told apart), and the rules decide each slot:
 * free only when the rules allow it and Outlook has the time; unknown when Outlook could not be read.
 */
/**
 * A span of time of one standing. Except "closed" ones (which may be any length), a period is one or more whole slots
 * of the resource's length laid end to end, all with the same status, reason and places left: a free period from
 * 09:00 to 11:00 of 30-minute slots offers 09:00, 09:30, 10:00 and 10:30. Slots of equal standing are sent as one
 * period so that a month of a building's rooms is a small answer.
 */
export type AvailabilityPeriod = { start: string; end: string; status: SlotStatus; reason?: string; placesLeft?: number };
export type ResourceAvailability = {
  resourceId: string;
  name: string;
  slotMinutes: number;
  /** Whether the caller's booking of it can be a Microsoft Teams meeting (its calendar allows Teams). */
  teams: boolean;
  status: "ok" | "unknown";
  error?: PublicError;
  periods: AvailabilityPeriod[];
};
export type ResourcesAvailability = { timeZone: string; resources: ResourceAvailability[] };

export type SiteRules = { timeZone: string; region: BankHolidayRegion };

export async function readSiteRules(): Promise<SiteRules> {
  const { timeZone, bankHolidayRegion } = await readSiteSettings();
  return { timeZone, region: bankHolidayRegion };
}

export function ruleContext(resource: Resource, site: SiteRules, now = Date.now()): RuleContext {
  return {
    rules: resource.rules,
    timeZone: site.timeZone,
    now,
    closedOn: (date) => closedOn(date, { region: site.region, closedOnBankHolidays: resource.closedOnBankHolidays, closedDates: resource.closedDates }),
  };
}

const MINUTE = 60_000;

/** What takes each resource's time over a window (widened by its buffers), read from Outlook and the hub's bookings. */
export async function resourceOccupancy(
  resources: Resource[],
  window: { start: DateTime; end: DateTime },
  { fresh = false, ignore = {} }: { fresh?: boolean; ignore?: { eventId?: string; iCalUId?: string; bookingId?: string } } = {},
): Promise<Map<string, Occupancy>> {
  const result = new Map<string, Occupancy>();
  const requests: OccupancyRequest[] = [];
  const sources = await sourcesOfResources(resources);
  resources.forEach((resource, index) => {
    const source = sources[index]!;
    // The account or mailbox behind it was removed or needs reconnecting: unknown, saying why.
    if (source instanceof HubError) {
      result.set(resource.id, { busy: null, error: source });
      return;
    }
    requests.push({
      key: resource.id,
      resourceId: resource.id,
      source,
      calendarId: resource.calendar.calendarId,
      // getSchedule answers many mailboxes at once but without event ids: fine for one place per slot; a booking's
      // own check reads the calendar itself (it must tell the booking's own event apart, and reads afresh).
      viaSchedule: resource.rules.placesPerSlot === 1 && resource.calendar.isDefaultCalendar && !fresh,
    });
  });
  if (requests.length === 0) return result;
  const before = Math.max(...resources.map((resource) => resource.rules.bufferBeforeMinutes));
  const after = Math.max(...resources.map((resource) => resource.rules.bufferAfterMinutes));
  const read = await readOccupancies(requests, { start: window.start.minus({ minutes: before }), end: window.end.plus({ minutes: after }), fresh }, ignore);
  for (const [key, occupancy] of read) result.set(key, occupancy);
  return result;
}

/** The resources a viewer asks for, each once, or the refusal of the first they may not book. */
export async function requestedResources(viewer: Viewer, ids: string[]): Promise<Resource[]> {
  const distinct = [...new Set(ids)];
  const found = new Map((await findResources(distinct)).map((resource) => [resource.id, resource]));
  return distinct.map((id) => bookableOrRefused(viewer, found.get(id), `resources.${ids.indexOf(id)}`));
}

/** The booking being moved, whose own time counts as free — only the caller's own (any, for an administrator). */
async function ignoredBooking(viewer: Viewer, bookingId: string | undefined) {
  if (!bookingId) return {};
  const booking = await db.booking.findUnique({ where: { id: bookingId }, select: { id: true, eventId: true, iCalUId: true, createdById: true } });
  if (!booking) throw new HubError("unknown_booking", {}, { field: "ignoreBookingId" });
  if (!mayChange(viewer, booking)) throw new HubError("not_your_booking", undefined, { field: "ignoreBookingId" });
  return { bookingId: booking.id, eventId: booking.eventId ?? undefined, iCalUId: booking.iCalUId ?? undefined };
}

export async function resourcesAvailability(
  viewer: Viewer,
  request: { resources: string[]; start: DateTime; end: DateTime; timeZone: string; ignoreBookingId?: string },
): Promise<ResourcesAvailability> {
  const resources = await requestedResources(viewer, request.resources);
  const minutes = (request.end.toMillis() - request.start.toMillis()) / MINUTE;
  const slots = Math.max(...resources.map((resource) => Math.ceil(minutes / resource.rules.slotMinutes)));
  const tooBig = calendarSlotsProblem(resources.length, slots);
  if (tooBig) throw new HubError("invalid_input", { message: tooBig }, { field: "end" });

  const ignore = await ignoredBooking(viewer, request.ignoreBookingId);
  // A booking's own time: its event is read afresh (a shared read cannot leave one booking's event out).
  const [site, occupancy, teams] = await Promise.all([
    readSiteRules(),
    resourceOccupancy(resources, request, { ignore, fresh: ignore.bookingId !== undefined }),
    // Kept with each resource once read (the person booking's own calendar: for a few minutes); a failure: no Teams.
    Promise.all(resources.map((resource) => teamsOffered(resource, viewer).catch(() => false))),
  ]);
  const audience: Audience = viewer.role === "admin" ? "admin" : "staff";
  const now = Date.now();
  const window = { start: request.start.toMillis(), end: request.end.toMillis() };
  // What the hub does after Microsoft's last answer: its CPU is logged for the bench (availability.answered).
  const cpuBefore = process.cpuUsage();
  const answer: ResourcesAvailability = {
    timeZone: request.timeZone,
    resources: resources.map((resource, index) => {
      const answer = occupancy.get(resource.id) ?? { busy: null, error: new HubError("no_answer") };
      return {
        resourceId: resource.id,
        name: resource.name,
        slotMinutes: resource.rules.slotMinutes,
        teams: teams[index]!,
        status: answer.busy === null ? "unknown" : "ok",
        ...(answer.busy === null ? { error: answer.error.toJSON(audience) } : {}),
        periods: writtenPeriods(resourcePeriods(ruleContext(resource, site, now), window, answer.busy), request.timeZone),
      };
    }),
  };
  const cpu = process.cpuUsage(cpuBefore);
  log.debug("availability.answered", { resources: resources.length, answerCpuMs: (cpu.user + cpu.system) / 1000 });
  return answer;
}

/** The period holding the slot that starts at `ms`, or undefined where no slot starts then (closed, or mid-slot). */
export function slotStartingAt(availability: Pick<ResourceAvailability, "periods" | "slotMinutes">, ms: number): AvailabilityPeriod | undefined {
  return availability.periods.find((period) => {
    const start = Date.parse(period.start);
    return period.status !== "closed" && start <= ms && ms < Date.parse(period.end) && (ms - start) % (availability.slotMinutes * MINUTE) === 0;
  });
}

/** Periods with their instants written in the zone asked for (a period's end is usually the next one's start). */
function writtenPeriods(periods: Slot[], zone: string): AvailabilityPeriod[] {
  let last: { at: number; text: string } = { at: NaN, text: "" };
  const write = (at: number) => (at === last.at ? last.text : (last = { at, text: isoAt(at, zone) }).text);
  return periods.map((period) => {
    const written: AvailabilityPeriod = { start: write(period.start), end: write(period.end), status: period.status };
    if (period.reason) written.reason = period.reason;
    if (period.placesLeft !== undefined) written.placesLeft = period.placesLeft;
    return written;
  });
}

/** Of the candidates, those the rules allow and Outlook has free for [start, end), and those whose availability is unknown. */
export async function freeForWhole(
  resources: Resource[],
  start: DateTime,
  end: DateTime,
  audience: Audience,
): Promise<{ free: Resource[]; unknown: { resource: Resource; error: PublicError }[] }> {
  const site = await readSiteRules();
  const now = Date.now();
  // The rules first: a resource closed then, or too soon, is not asked about at all.
  const allowed = resources.filter((resource) => bookingRefusal(ruleContext(resource, site, now), start.toMillis(), end.toMillis(), [], resource.name) === null);
  const occupancy = await resourceOccupancy(allowed, { start, end });
  const free: Resource[] = [];
  const unknown: { resource: Resource; error: PublicError }[] = [];
  for (const resource of allowed) {
    const answer = occupancy.get(resource.id);
    if (!answer || answer.busy === null) {
      unknown.push({ resource, error: (answer?.error ?? new HubError("no_answer")).toJSON(audience) });
      continue;
    }
    if (bookingRefusal(ruleContext(resource, site, now), start.toMillis(), end.toMillis(), answer.busy, resource.name) === null) free.push(resource);
  }
  return { free, unknown };
}
