import "server-only";
import { recordAudit, type AuditActor } from "../audit";
import type { Role } from "../auth/roles";
import { db, type DbTransaction, type Prisma } from "../db";
import { readStoredJson, storedStrings } from "../db/json";
import { HubError } from "../errors";
import { ACTIVE } from "../integrations/office365/calendar/booking-status";
import { readCalendar, readDefaultCalendar } from "../integrations/office365/calendar/calendars";
import { resolveSource, resolveSources, type CalendarSource } from "../integrations/office365/calendar/sources";
import { removeMirrorSubscription } from "../mirror/sync";
import { MAX_CLOSED_DATES, parseClosedDates, type ClosedDate } from "./closed-dates";
import { DEFAULT_RULES, parseOpeningHours, type ResourceRules, type SlotLength } from "./rules-schema";
import type { BookingMode, CalendarChoice, ResourceDetails, ResourceFilters } from "./schemas";

/**
 * Bookable resources: what administrators curate (Utilities › Resources) and what staff book. Each has exactly one
 * calendar behind it, checked readable when it is chosen, and its own rules. Staff see and book only resources they
 * may book; the raw accounts and calendars stay administrators'.
 */
export const AUDIT_TARGET = "resources";

export type ResourceCalendar = {
  how: CalendarChoice["how"];
  /** allowedOnlineMeetingProviders of the calendar, as read when it was chosen. */
  onlineMeetingProviders?: string[];
  /** The mailbox holding the calendar (lower-case). */
  address: string;
  calendarId: string;
  calendarName: string;
  isDefaultCalendar: boolean;
  accountId: string | null;
  mailboxId: string | null;
  sharedMailbox: string | null;
};

export type Resource = ResourceDetails & {
  id: string;
  calendar: ResourceCalendar;
  rules: ResourceRules;
  closedOnBankHolidays: boolean;
  closedDates: ClosedDate[];
  directoryAddress: string | null;
  /** How bookings reach it (see BookingMode), and where Teams meetings are allowed. */
  booking: {
    mode: BookingMode;
    /** An invitation's organiser (a connected account or application mailbox), or null: the person booking. */
    organiserId: string | null;
    /** allowedOnlineMeetingProviders of the calendar bookings are written to, or null when not known yet. */
    onlineMeetingProviders: string[] | null;
  };
  /** Opening hours that could not be read back (never expected): the resource is then closed, not open at random. */
  rulesUnreadable: boolean;
};

/** What staff and the site's code see of a resource: never how the hub reaches its calendar. */
export type ResourceSummary = ResourceDetails & {
  id: string;
  slotMinutes: number;
  longestBookingMinutes: number;
  placesPerSlot: number;
  /** "invitation": the room answers each booking itself (accepted, declined…); "direct": booked when confirmed. */
  bookingMode: BookingMode;
};

export function summariseResource(resource: Resource): ResourceSummary {
  return {
    id: resource.id,
    name: resource.name,
    kind: resource.kind,
    description: resource.description,
    capacity: resource.capacity,
    building: resource.building,
    floor: resource.floor,
    wheelchairAccessible: resource.wheelchairAccessible,
    equipmentNotes: resource.equipmentNotes,
    whoCanBook: resource.whoCanBook,
    showOnBookingPage: resource.showOnBookingPage,
    slotMinutes: resource.rules.slotMinutes,
    longestBookingMinutes: resource.rules.longestBookingMinutes,
    placesPerSlot: resource.rules.placesPerSlot,
    bookingMode: resource.booking.mode,
  };
}

// Resources without a building first, on every database: SQLite sorts nulls first, PostgreSQL last unless told.
const BY_BUILDING_AND_NAME: Prisma.ResourceOrderByWithRelationInput[] = [{ building: { sort: "asc", nulls: "first" } }, { name: "asc" }];

type ResourceRow = NonNullable<Awaited<ReturnType<typeof db.resource.findUnique>>>;

const CLOSED_ALL_WEEK = Object.fromEntries(Object.keys(DEFAULT_RULES.openingHours).map((day) => [day, null])) as ResourceRules["openingHours"];

function parseProviders(json: string | null): string[] | null {
  if (json === null) return null;
  // A cache of Microsoft's answer: unreadable means "not read yet", and it is read again.
  const stored = readStoredJson(storedStrings, json);
  return stored.ok ? stored.value : null;
}

export function toResource(row: ResourceRow): Resource {
  const openingHours = parseOpeningHours(row.openingHours);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    capacity: row.capacity,
    building: row.building,
    floor: row.floor,
    wheelchairAccessible: row.wheelchairAccessible,
    equipmentNotes: row.equipmentNotes,
    whoCanBook: row.whoCanBook,
    showOnBookingPage: row.showOnBookingPage,
    calendar: {
      how: row.mailboxId ? "application" : row.sharedMailbox ? "shared" : "account",
      address: row.calendarOwner,
      calendarId: row.calendarId,
      calendarName: row.calendarName,
      isDefaultCalendar: row.isDefaultCalendar,
      accountId: row.accountId,
      mailboxId: row.mailboxId,
      sharedMailbox: row.sharedMailbox,
    },
    rules: {
      openingHours: openingHours ?? CLOSED_ALL_WEEK,
      slotMinutes: row.slotMinutes as SlotLength,
      bufferBeforeMinutes: row.bufferBeforeMinutes,
      bufferAfterMinutes: row.bufferAfterMinutes,
      minimumNoticeMinutes: row.minimumNoticeMinutes,
      bookUpToDays: row.bookUpToDays,
      longestBookingMinutes: row.longestBookingMinutes,
      placesPerSlot: row.placesPerSlot,
    },
    closedOnBankHolidays: row.closedOnBankHolidays,
    closedDates: parseClosedDates(row.closedDates),
    directoryAddress: row.directoryAddress,
    booking: {
      mode: row.bookingMode === "invitation" ? "invitation" : "direct",
      organiserId: row.organiserId,
      onlineMeetingProviders: parseProviders(row.onlineMeetingProviders),
    },
    rulesUnreadable: openingHours === null,
  };
}

/** How the hub reaches a resource's calendar (a connected account, the account reaching a shared mailbox, or the app). */
export function sourceOfResource(resource: Pick<Resource, "calendar">): Promise<CalendarSource> {
  return resolveSource(sourceRefOf(resource));
}

/** Several resources' sources at once (two queries): each its source, or the HubError saying why it cannot be reached. */
export function sourcesOfResources(resources: Pick<Resource, "calendar">[]): Promise<(CalendarSource | HubError)[]> {
  return resolveSources(resources.map(sourceRefOf));
}

const sourceRefOf = ({ calendar }: Pick<Resource, "calendar">) => ({ accountId: (calendar.mailboxId ?? calendar.accountId)!, mailbox: calendar.sharedMailbox ?? undefined });

export type Viewer = { id: string; role: Role; email: string };

/** Whether the viewer may book it: administrators anything; staff what is not for administrators only. */
export const mayBook = (viewer: Viewer, resource: Pick<Resource, "whoCanBook">) => viewer.role === "admin" || resource.whoCanBook === "staff";

/** Resources the viewer may book, matching the filters, by building then name. */
export async function listResources(viewer: Viewer, filters: ResourceFilters = {}): Promise<Resource[]> {
  const rows = await db.resource.findMany({
    where: {
      ...(viewer.role === "admin" ? {} : { whoCanBook: "staff" }),
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.building ? { building: filters.building } : {}),
      ...(filters.minCapacity ? { capacity: { gte: filters.minCapacity } } : {}),
      ...(filters.wheelchairAccessible ? { wheelchairAccessible: true } : {}),
    },
    orderBy: BY_BUILDING_AND_NAME,
  });
  return rows.map(toResource);
}

/** Every resource, for the administrators' list. */
export async function listAllResources(): Promise<Resource[]> {
  return (await db.resource.findMany({ orderBy: BY_BUILDING_AND_NAME })).map(toResource);
}

export async function findResource(id: string): Promise<Resource | null> {
  const row = await db.resource.findUnique({ where: { id } });
  return row ? toResource(row) : null;
}

/** These resources, in one query (those that do not exist are left out). */
export async function findResources(ids: string[]): Promise<Resource[]> {
  return (await db.resource.findMany({ where: { id: { in: ids } } })).map(toResource);
}

/** A resource the viewer may book, or the refusal (unknown, or for administrators only). */
export async function bookableResource(viewer: Viewer, id: string, field = "resourceId"): Promise<Resource> {
  return bookableOrRefused(viewer, await findResource(id), field);
}

/** The resource found, if the viewer may book it; otherwise the refusal, beside `field`. */
export function bookableOrRefused(viewer: Viewer, resource: Resource | null | undefined, field: string): Resource {
  if (!resource) throw new HubError("unknown_resource", undefined, { field });
  if (!mayBook(viewer, resource)) throw new HubError("resource_admins_only", { label: resource.name }, { field });
  return resource;
}

/**
 * The calendar an administrator chose, read from Microsoft to check the hub can reach it (its name and whether it is
 * the mailbox's default calendar come from there). A failure is thrown, worded for the admin; nothing is saved.
 */
export async function readChosenCalendar(choice: CalendarChoice): Promise<ResourceCalendar & { ownerName: string | null }> {
  if (choice.how === "application") {
    const source = await resolveSource({ accountId: choice.mailboxId }, "mailboxId");
    const calendar = await readDefaultCalendar(source);
    return {
      how: "application",
      onlineMeetingProviders: calendar.onlineMeetingProviders,
      address: source.address.toLowerCase(),
      calendarId: calendar.id,
      calendarName: calendar.name ?? "Calendar",
      isDefaultCalendar: true,
      accountId: null,
      mailboxId: choice.mailboxId,
      sharedMailbox: null,
      ownerName: calendar.owner.name,
    };
  }
  const source = await resolveSource({ accountId: choice.accountId, mailbox: choice.how === "shared" ? choice.sharedMailbox : undefined }, "accountId");
  const calendar = await readCalendar(source, choice.calendarId).catch((error: unknown) => {
    throw error instanceof HubError ? error.forField("calendarId") : error;
  });
  return {
    how: choice.how,
    onlineMeetingProviders: calendar.onlineMeetingProviders,
    address: source.address.toLowerCase(),
    calendarId: calendar.id,
    calendarName: calendar.name,
    isDefaultCalendar: calendar.isDefault,
    accountId: choice.accountId,
    mailboxId: null,
    sharedMailbox: choice.how === "shared" ? source.address.toLowerCase() : null,
    ownerName: calendar.owner.name,
  };
}

const calendarColumns = (calendar: ResourceCalendar) => ({
  accountId: calendar.accountId,
  mailboxId: calendar.mailboxId,
  sharedMailbox: calendar.sharedMailbox,
  calendarId: calendar.calendarId,
  calendarName: calendar.calendarName,
  isDefaultCalendar: calendar.isDefaultCalendar,
  calendarOwner: calendar.address,
  ...(calendar.onlineMeetingProviders ? { onlineMeetingProviders: JSON.stringify(calendar.onlineMeetingProviders) } : {}),
});

const rulesColumns = (rules: ResourceRules) => ({
  openingHours: JSON.stringify(rules.openingHours),
  slotMinutes: rules.slotMinutes,
  bufferBeforeMinutes: rules.bufferBeforeMinutes,
  bufferAfterMinutes: rules.bufferAfterMinutes,
  minimumNoticeMinutes: rules.minimumNoticeMinutes,
  bookUpToDays: rules.bookUpToDays,
  longestBookingMinutes: rules.longestBookingMinutes,
  placesPerSlot: rules.placesPerSlot,
});

/** Saves a new resource for a calendar already checked readable, with the default rules, and its audit record. */
export async function insertResource(
  tx: DbTransaction,
  actor: AuditActor,
  input: { details: ResourceDetails; calendar: ResourceCalendar; directoryAddress?: string; rules?: ResourceRules },
): Promise<Resource> {
  const existing = await tx.resource.findUnique({ where: { calendarOwner_calendarId: { calendarOwner: input.calendar.address, calendarId: input.calendar.calendarId } } });
  if (existing) throw new HubError("resource_exists", { name: existing.name }, { field: "calendarId" });
  const row = await tx.resource.create({
    data: {
      ...input.details,
      ...calendarColumns(input.calendar),
      ...rulesColumns(input.rules ?? DEFAULT_RULES),
      directoryAddress: input.directoryAddress ?? null,
      createdByEmail: actor.email,
    },
  });
  await recordAudit(tx, { actor, action: "resource.added", target: AUDIT_TARGET, detail: `${row.name} (${row.calendarOwner})` });
  return toResource(row);
}

export async function createResource(actor: AuditActor, details: ResourceDetails, choice: CalendarChoice): Promise<Resource> {
  const calendar = await readChosenCalendar(choice);
  return db.$transaction((tx) => insertResource(tx, actor, { details, calendar }));
}

async function existingRow(tx: DbTransaction, id: string): Promise<ResourceRow> {
  const row = await tx.resource.findUnique({ where: { id } });
  if (!row) throw new HubError("unknown_resource", undefined, { field: "resourceId" });
  return row;
}

export async function updateResourceDetails(actor: AuditActor, id: string, details: ResourceDetails): Promise<Resource> {
  return db.$transaction(async (tx) => {
    const before = await existingRow(tx, id);
    const row = await tx.resource.update({ where: { id }, data: details });
    const fields = (Object.keys(details) as (keyof ResourceDetails)[]).filter((field) => before[field] !== row[field]);
    await recordAudit(tx, { actor, action: "resource.changed", target: AUDIT_TARGET, detail: row.name, fields });
    return toResource(row);
  });
}

export async function updateResourceRules(actor: AuditActor, id: string, rules: ResourceRules, closedOnBankHolidays: boolean): Promise<Resource> {
  return db.$transaction(async (tx) => {
    await existingRow(tx, id);
    const row = await tx.resource.update({ where: { id }, data: { ...rulesColumns(rules), closedOnBankHolidays } });
    await recordAudit(tx, { actor, action: "resource.rules_changed", target: AUDIT_TARGET, detail: row.name });
    return toResource(row);
  });
}

/** Adds a closed date (or changes its reason), keeping the dates in order. */
export async function addClosedDate(actor: AuditActor, id: string, closed: ClosedDate): Promise<Resource> {
  return db.$transaction(async (tx) => {
    const row = await existingRow(tx, id);
    const dates = [...parseClosedDates(row.closedDates).filter((entry) => entry.date !== closed.date), closed].sort((a, b) => a.date.localeCompare(b.date));
    // More would be saved but never read back (closedDatesSchema's limit): the resource would then offer no times.
    if (dates.length > MAX_CLOSED_DATES) {
      throw new HubError("invalid_input", { message: `A resource can have at most ${MAX_CLOSED_DATES} closed dates: remove past ones first` }, { field: "closedDay" });
    }
    const updated = await tx.resource.update({ where: { id }, data: { closedDates: JSON.stringify(dates) } });
    await recordAudit(tx, { actor, action: "resource.closed_date_added", target: AUDIT_TARGET, detail: `${row.name}: ${closed.date}` });
    return toResource(updated);
  });
}

export async function removeClosedDate(actor: AuditActor, id: string, date: string): Promise<Resource> {
  return db.$transaction(async (tx) => {
    const row = await existingRow(tx, id);
    const dates = parseClosedDates(row.closedDates).filter((entry) => entry.date !== date);
    const updated = await tx.resource.update({ where: { id }, data: { closedDates: JSON.stringify(dates) } });
    await recordAudit(tx, { actor, action: "resource.closed_date_removed", target: AUDIT_TARGET, detail: `${row.name}: ${date}` });
    return toResource(updated);
  });
}

/** Bookings made through the hub as this resource that still hold time: they stay when the resource is removed. */
export async function countUpcomingBookings(id: string): Promise<number> {
  return db.booking.count({ where: { resourceId: id, status: { in: ACTIVE }, end: { gt: new Date() } } });
}

/**
 * Removes a resource. Bookings already made stay, in Outlook and in the hub's list (they keep their calendar; their
 * link to the resource becomes empty), and can still be cancelled.
 */
export async function removeResource(actor: AuditActor, id: string): Promise<{ name: string; bookings: number }> {
  // Its change notifications stop at Microsoft first (the mirror's rows go with the resource).
  const resource = await findResource(id);
  if (resource) await removeMirrorSubscription(resource);
  return db.$transaction(async (tx) => {
    const row = await existingRow(tx, id);
    const bookings = await tx.booking.count({ where: { resourceId: id } });
    // The copy goes first, in the order a round saves it (its events, then the copy's own row): a round saving at the
    // same moment then waits for this removal, or this for it. Deleting the resource first would take the copy's row
    // before its events, the other way round, and on PostgreSQL each would hold what the other waits for (a deadlock:
    // one of the two refused).
    await tx.mirrorEvent.deleteMany({ where: { resourceId: id } });
    await tx.calendarMirror.deleteMany({ where: { resourceId: id } });
    await tx.resource.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "resource.removed", target: AUDIT_TARGET, detail: row.name });
    return { name: row.name, bookings };
  });
}
