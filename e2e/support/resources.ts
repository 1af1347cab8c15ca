import { randomBytes, randomUUID } from "node:crypto";
import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { saveOffice365Settings, signIn, submitAndWait } from "./actions";
import { accountRows, resetOffice365, sql, sqlRow, sqlScript } from "./database";
import { APPS, USERS, microsoft } from "./emulator";
import { hashPassword } from "../../lib/auth/password";
import { HUB } from "./hub";

/**
 * Test data for journeys about resources and bookings: a connected account, resources made straight in the database
 * (as an administrator would have made them on the Resources pages, which have journeys of their own), and staff users.
 */
const OPEN_WEEKDAYS = JSON.stringify({
  monday: { opens: "08:00", closes: "18:00" },
  tuesday: { opens: "08:00", closes: "18:00" },
  wednesday: { opens: "08:00", closes: "18:00" },
  thursday: { opens: "08:00", closes: "18:00" },
  friday: { opens: "08:00", closes: "18:00" },
  saturday: null,
  sunday: null,
});

export async function connectAlice(page: Page): Promise<string> {
  await saveOffice365Settings(page, { clientId: APPS.multi.clientId, clientSecret: APPS.multi.secret, version: "Azure AD v2.0", tenant: "organizations", cloud: "Global" });
  await expect(page.getByTestId("settings-saved")).toBeVisible();
  await microsoft.nextSignIn({ email: USERS.alice.email });
  await page.getByRole("button", { name: "Connect account" }).click();
  await expect(page.getByTestId("account-connected")).toBeVisible();
  return (await accountRows()).find((account) => account.email === USERS.alice.email)!.id;
}

export type ResourceSeed = {
  name: string;
  /** The mailbox whose default calendar it is, reached through Alice (the emulator shares the council chamber with her). */
  mailbox: string;
  accountId: string;
  capacity?: number;
  building?: string;
  wheelchairAccessible?: boolean;
  whoCanBook?: "staff" | "admin";
  showOnBookingPage?: boolean;
  kind?: "room" | "equipment" | "calendar";
  openingHours?: string;
  minimumNoticeMinutes?: number;
  placesPerSlot?: number;
  /** Booked as an invitation from this connected account's calendar (the room answers), instead of directly. */
  invitationFrom?: string;
};

/** A resource for a mailbox's default calendar; returns its id. */
export async function addResource(seed: ResourceSeed): Promise<string> {
  const calendar = (await microsoft.mailboxCalendars(seed.mailbox)).find((candidate) => candidate.isDefault)!;
  const id = `cres${randomBytes(10).toString("hex")}`;
  const own = seed.mailbox === USERS.alice.email;
  await sql(
        `INSERT INTO "Resource" ("id", "name", "kind", "capacity", "building", "wheelchairAccessible", "accountId", "sharedMailbox", "calendarId", "calendarName",
           "isDefaultCalendar", "calendarOwner", "openingHours", "minimumNoticeMinutes", "placesPerSlot", "whoCanBook", "showOnBookingPage", "bookingMode", "organiserId",
           "onlineMeetingProviders", "createdByEmail", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        seed.name,
        seed.kind ?? "room",
        seed.capacity ?? null,
        seed.building ?? null,
        Boolean(seed.wheelchairAccessible),
        seed.accountId,
        own ? null : seed.mailbox,
        calendar.id,
        calendar.name,
        true,
        seed.mailbox,
        seed.openingHours ?? OPEN_WEEKDAYS,
        seed.minimumNoticeMinutes ?? 60,
        seed.placesPerSlot ?? 1,
        seed.whoCanBook ?? "staff",
        seed.showOnBookingPage !== false,
        seed.invitationFrom ? "invitation" : "direct",
        seed.invitationFrom ?? null,
        // As the Resources pages record it when the calendar is chosen (an invitation's organiser: read when first needed).
        seed.invitationFrom ? null : JSON.stringify(calendar.allowedOnlineMeetingProviders),
        HUB.admin.email,
        new Date(),
      ],
  );
  return id;
}

export async function resetBookingsAndResources() {
  await sqlScript(
    `DELETE FROM "MirrorEvent"; DELETE FROM "CalendarMirror"; DELETE FROM "Booking"; DELETE FROM "BookingSeries"; DELETE FROM "Resource"; DELETE FROM "ApplicationMailbox"; DELETE FROM "HubSettings"; DELETE FROM "RateLimit"; DELETE FROM "User" WHERE "role" = 'staff';`,
  );
}

/** Before a journey that books: no Office 365 set-up, bookings, resources, staff or sign-in failures; Microsoft as seeded. */
export async function resetForBookingJourney() {
  await resetOffice365();
  await resetBookingsAndResources();
  await sqlScript(`DELETE FROM "SignInThrottle";`);
  await microsoft.reset();
}

const passwordHashes = new Map<string, Promise<string>>();

/**
 * A hub user, as `npm run admin -- create` makes one (sign-in.spec.ts and office365-accounts.spec.ts run that command
 * itself), written straight into the database: a process per user cost the journeys about 0.7 s of CPU each time. Each
 * password is hashed once per worker (the same scrypt hash the hub checks at sign-in).
 */
export async function createHubUser(email: string, password: string, role: "admin" | "staff") {
  if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
  const now = new Date();
  await sql(`INSERT INTO "User" ("id", "email", "role", "passwordHash", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`, [
    randomUUID(),
    email,
    role,
    await passwordHashes.get(password),
    now,
    now,
  ]);
}

/**
 * The start of a booking journey: no bookings, resources or staff, the emulator as new, the administrator signed in
 * in `page` with Alice connected, and the Council Chamber (the room mailbox, shared with Alice) as a resource.
 */
export async function freshCouncilChamber(page: Page, seed: Partial<ResourceSeed> = {}): Promise<{ aliceId: string; chamberId: string }> {
  await resetOffice365();
  await resetBookingsAndResources();
  await microsoft.reset();
  await signIn(page);
  const aliceId = await connectAlice(page);
  const chamberId = await addResource({ name: "Council Chamber", mailbox: USERS.room.email, accountId: aliceId, capacity: 60, building: "Town Hall", ...seed });
  return { aliceId, chamberId };
}

/**
 * Admin consent at Microsoft, then a room from the room directory (a room mailbox reached with application access),
 * as an administrator adds one; waits until the hub's copy of its calendar is ready. Returns the resource's id.
 */
export async function addDirectoryRoom(page: Page, name: string): Promise<string> {
  await page.goto("/utilities/integrations/office365");
  await page.getByRole("button", { name: "Grant admin consent" }).click();
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByTestId("admin-consented")).toBeVisible();
  await page.goto("/utilities/resources/directory");
  await page.getByRole("checkbox", { name }).check();
  await submitAndWait(page, "Add selected rooms");
  await expect(page.getByTestId("rooms-added")).toContainText("1 room added");
  const copy = () => sqlRow<{ resourceId: string; lastSyncAt: string | null }>(`SELECT m."resourceId", m."lastSyncAt" FROM "CalendarMirror" m JOIN "Resource" r ON r."id" = m."resourceId" WHERE r."name" = ?`, [name]);
  // Subscribed, then read in full, within a second or two.
  await expect.poll(async () => (await copy())?.lastSyncAt ?? null, { timeout: 15_000 }).not.toBeNull();
  return (await copy())!.resourceId;
}

/** A staff user signed in in a browser context of their own. */
export async function staffPage(browser: Browser, email: string, password = "a staff passphrase 2026", context: BrowserContextOptions = {}): Promise<Page> {
  await createHubUser(email, password, "staff");
  const page = await (await browser.newContext({ baseURL: HUB.url, ...context })).newPage();
  await signIn(page, { email, password });
  return page;
}
