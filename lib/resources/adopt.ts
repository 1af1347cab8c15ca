import "server-only";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { log } from "../log";
import { readCalendar } from "../integrations/office365/calendar/calendars";
import { resolveSource } from "../integrations/office365/calendar/sources";
import { DEFAULT_RULES } from "./rules-schema";

/**
 * Once, after the update that brought resources: every calendar that bookings were made in becomes a resource, named
 * after the calendar (asked of Microsoft; the mailbox's address when Microsoft cannot say), and its bookings are linked
 * to it — so nothing disappears for staff, who now book resources only. Safe to run again and on several processes at
 * once: each calendar becomes one resource (unique calendar), and the run is recorded when it has finished.
 */
const SYSTEM_ACTOR = "the hub (resources from earlier bookings)";

export async function adoptEarlierBookings(): Promise<{ created: number; linked: number }> {
  const settings = await db.hubSettings.findUnique({ where: { id: "default" } });
  if (settings?.resourcesAdoptedAt) return { created: 0, linked: 0 };
  const calendars = await db.booking.findMany({
    where: { resourceId: null },
    distinct: ["calendarOwner", "calendarId"],
    select: { accountId: true, mailboxId: true, mailbox: true, calendarOwner: true, calendarId: true, calendarName: true },
  });
  let created = 0;
  let linked = 0;
  for (const calendar of calendars) {
    const owner = calendar.calendarOwner.toLowerCase();
    // Bookings from before the hub recorded the calendar's mailbox cannot be keyed to one: left as they are.
    if (!owner) continue;
    let resource = await db.resource.findUnique({ where: { calendarOwner_calendarId: { calendarOwner: owner, calendarId: calendar.calendarId } } });
    if (!resource) {
      const name = (await calendarName(calendar)) ?? calendar.calendarName ?? owner;
      resource = await db.resource
        .create({
          data: {
            name,
            kind: calendar.mailboxId || calendar.mailbox ? "room" : "calendar",
            accountId: calendar.mailboxId ? null : calendar.accountId,
            mailboxId: calendar.mailboxId,
            sharedMailbox: calendar.mailboxId ? null : calendar.mailbox,
            calendarId: calendar.calendarId,
            calendarName: name,
            calendarOwner: owner,
            // Opening hours of the defaults, but open every day: earlier bookings were made at any time.
            openingHours: JSON.stringify(Object.fromEntries(Object.keys(DEFAULT_RULES.openingHours).map((day) => [day, { opens: "00:00", closes: "23:59" }]))),
            minimumNoticeMinutes: 0,
            whoCanBook: "staff",
            showOnBookingPage: true,
            createdByEmail: SYSTEM_ACTOR,
          },
        })
        .catch((error: unknown) => {
          // Another process made it meanwhile: use that one.
          if (!isUniqueViolation(error)) throw error;
          return db.resource.findUniqueOrThrow({ where: { calendarOwner_calendarId: { calendarOwner: owner, calendarId: calendar.calendarId } } });
        });
      if (resource.createdByEmail === SYSTEM_ACTOR) created += 1;
    }
    const { count } = await db.booking.updateMany({ where: { resourceId: null, calendarOwner: calendar.calendarOwner, calendarId: calendar.calendarId }, data: { resourceId: resource.id } });
    linked += count;
  }
  await db.hubSettings.upsert({ where: { id: "default" }, create: { id: "default", resourcesAdoptedAt: new Date() }, update: { resourcesAdoptedAt: new Date() } });
  if (created + linked > 0) log.info("resources.adopted_earlier_bookings", { created, linked });
  return { created, linked };
}

/** The calendar's own name from Microsoft, or null when it cannot be read now (the account may be gone). */
async function calendarName(calendar: { accountId: string | null; mailboxId: string | null; mailbox: string | null; calendarId: string }): Promise<string | null> {
  try {
    const source = await resolveSource({ accountId: (calendar.mailboxId ?? calendar.accountId)!, mailbox: calendar.mailbox ?? undefined });
    const found = await readCalendar(source, calendar.calendarId);
    // A mailbox's default calendar is called "Calendar": the room's own name says more.
    return found.isDefault ? (found.owner.name ?? found.name) : found.name;
  } catch {
    return null;
  }
}
