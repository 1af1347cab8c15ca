import type { DateTime } from "luxon";
import type { EmulatorControl, EventSeed } from "../../e2e/microsoft/control-client";
import { APPS, TENANTS, USERS } from "../../e2e/microsoft/directory";

/**
 * The bench's council, written in-process into the hub's data folder before its server starts (as
 * scripts/test/office365.ts does for unit tests): the emulator's app as the Office 365 settings, an administrator,
 * staff users, Alice connected (delegated), and ROOMS real room mailboxes in the emulator, each with a week of
 * events, added to the hub with application access after admin consent — how a council reaches its meeting rooms
 * without sharing each one with a person. Callers must have pointed HUB_DATA_DIR / DATABASE_URL at the bench's own
 * folder (scripts/test/isolated-data.ts) and MICROSOFT_*_URL at the emulator first.
 */
export type Room = { email: string; mailboxId: string; calendarId: string; resourceId: string };
export type Council = {
  alice: { accountId: string; calendarId: string; resourceId: string };
  rooms: Room[];
  staff: { email: string; password: string }[];
  admin: { email: string; password: string };
};

export const EVENTS_PER_WEEK = 30;
const STAFF_PASSWORD = "bench passphrase 2026";
const ADMIN_PASSWORD = "bench admin passphrase 2026";
const SHOW_AS = ["busy", "busy", "tentative", "free", "busy"] as const;

/**
 * 30 events over the week's working days for mailbox `index`: a recurring 08:00 stand-up (five occurrences) and five
 * meetings a day of 30 to 90 minutes, busy, tentative or free, at times that differ from mailbox to mailbox.
 */
export function weekOfEvents(monday: DateTime, index: number): EventSeed[] {
  const zone = monday.zoneName ?? "Europe/London";
  const local = (at: DateTime) => ({ dateTime: at.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: zone });
  const standUp = monday.set({ hour: 8 });
  const events: EventSeed[] = [
    {
      subject: "Stand-up",
      start: local(standUp),
      end: local(standUp.plus({ minutes: 30 })),
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"] },
        range: { type: "endDate", startDate: monday.toISODate()!, endDate: monday.plus({ days: 4 }).toISODate()! },
      },
    },
  ];
  for (let day = 0; day < 5; day++) {
    for (let k = 0; k < 5; k++) {
      const start = monday.plus({ days: day }).set({ hour: 9 + ((k * 2 + index + day) % 9), minute: (index + k) % 2 ? 30 : 0 });
      events.push({
        subject: `Meeting ${day + 1}.${k + 1}`,
        start: local(start),
        end: local(start.plus({ minutes: 30 * (1 + ((k + index) % 3)) })),
        showAs: SHOW_AS[(k + index + day) % SHOW_AS.length],
        location: `Room ${index + 1}`,
      });
    }
  }
  return events;
}

export async function seedCouncil(control: EmulatorControl, options: { rooms: number; staff: number; monday: DateTime }): Promise<Council> {
  const { db } = await import("../../lib/db");
  const { hashPassword } = await import("../../lib/auth/password");
  const { addApplicationMailbox } = await import("../../lib/integrations/office365/mailboxes");
  const { configure, connect, resetOffice365Data } = await import("../test/office365");
  const { insertResource, readChosenCalendar } = await import("../../lib/resources/resources");
  const { DEFAULT_RULES } = await import("../../lib/resources/rules-schema");

  const admin = await resetOffice365Data();
  await db.user.update({ where: { id: admin.id }, data: { passwordHash: await hashPassword(ADMIN_PASSWORD) } });
  // Rooms as a council's resources: the default rules, without the notice (the bench books soon after it starts).
  const rules = { ...DEFAULT_RULES, minimumNoticeMinutes: 0, bookUpToDays: 366 };
  const addResource = async (name: string, choice: Parameters<typeof readChosenCalendar>[0]) => {
    const calendar = await readChosenCalendar(choice);
    const details = { name, kind: "room" as const, description: null, capacity: 10, building: "Bench House", floor: null, wheelchairAccessible: true, equipmentNotes: null, whoCanBook: "staff" as const, showOnBookingPage: true };
    return db.$transaction((tx) => insertResource(tx, admin, { details, calendar, rules }));
  };
  await configure(admin);
  const connected = await connect(control, admin, USERS.alice.email);
  if (connected.kind !== "connected") throw new Error(`Connecting Alice failed: ${JSON.stringify(connected)}`);
  await control.setMailboxEvents(USERS.alice.email, weekOfEvents(options.monday, 0));
  const aliceCalendar = (await control.mailboxCalendars(USERS.alice.email)).find((calendar) => calendar.isDefault)!;

  // Staff users who sign in over HTTP: concurrent viewers are different people, as they would be in a council.
  const passwordHash = await hashPassword(STAFF_PASSWORD);
  const staff = Array.from({ length: options.staff }, (_, i) => ({ email: `staff${String(i + 1).padStart(3, "0")}@example.gov.uk`, password: STAFF_PASSWORD }));
  await db.user.createMany({ data: staff.map((user) => ({ email: user.email, role: "staff", passwordHash })) });

  await control.updateApp(APPS.multi.clientId, { adminConsentedTenants: [TENANTS.council.domain] });
  const rooms: Room[] = [];
  for (let i = 0; i < options.rooms; i++) {
    const email = `room.bench-${String(i + 1).padStart(3, "0")}@${TENANTS.council.domain}`;
    const room = await control.addMailbox({ email, displayName: `Bench room ${i + 1}`, kind: "room" });
    await control.setMailboxEvents(email, weekOfEvents(options.monday, i));
    const mailbox = await addApplicationMailbox(admin, email);
    const resource = await addResource(`Bench room ${i + 1}`, { how: "application", mailboxId: mailbox.id });
    rooms.push({ email, mailboxId: mailbox.id, calendarId: room.calendarId, resourceId: resource.id });
  }
  const aliceResource = await addResource("Alice's office", { how: "account", accountId: connected.accountId, calendarId: aliceCalendar.id });
  return {
    alice: { accountId: connected.accountId, calendarId: aliceCalendar.id, resourceId: aliceResource.id },
    rooms,
    staff,
    admin: { email: admin.email, password: ADMIN_PASSWORD },
  };
}
