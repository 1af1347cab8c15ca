import { USERS, type Directory, type Tenant, type User } from "../directory";
import type { StoredCalendar } from "./model";
import { providersFor } from "./online-meetings";
import { CalendarStore } from "./store";

/**
 * The seeded calendars, identical at start and after POST /_emulator/reset: every mailbox has its default
 * "Calendar"; Alice also has "Team events"; the council chamber room is shared with Alice with edit rights and the
 * events team's calendar read-only. Calendars start empty: tests seed the events they need through the control API.
 */
export const SEED_CALENDARS = {
  defaultName: "Calendar",
  aliceTeamEvents: "Team events",
} as const;

const MAILBOX_TIME_ZONES: Record<string, string> = {
  [USERS.carol.id]: "W. Europe Standard Time",
  [USERS.dave.id]: "Pacific Standard Time",
};

/** What every mailbox starts with: its default "Calendar" and working hours in a Windows time zone. */
export function addMailboxCalendar(store: CalendarStore, user: User, tenant: Tenant): StoredCalendar {
  store.mailboxTimeZones.set(user.id, MAILBOX_TIME_ZONES[user.id] ?? "GMT Standard Time");
  return store.addCalendar(user.id, SEED_CALENDARS.defaultName, { isDefault: true, onlineMeetings: providersFor(tenant) });
}

export function seedCalendars(directory: Directory): CalendarStore {
  const store = new CalendarStore();
  for (const user of directory.users) addMailboxCalendar(store, user, directory.tenant(user.tenantId));
  store.addCalendar(USERS.alice.id, SEED_CALENDARS.aliceTeamEvents, { color: "lightBlue", hexColor: "#a6d1f5" });

  const room = store.defaultCalendar(USERS.room.id);
  const events = store.defaultCalendar(USERS.events.id);
  if (room) store.share(room.id, USERS.alice.id, true);
  if (events) store.share(events.id, USERS.alice.id, false);
  return store;
}
