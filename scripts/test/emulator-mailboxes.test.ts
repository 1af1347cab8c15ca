import { DateTime } from "luxon";
import { beforeEach, describe, expect, it } from "vitest";
import { APPS, TENANTS, USERS } from "../../e2e/microsoft/directory";
import type { SessionUser } from "../../lib/auth/session";
import { getAvailability } from "../../lib/integrations/office365/calendar/availability";
import { listEvents } from "../../lib/integrations/office365/calendar/events";
import { addApplicationMailbox } from "../../lib/integrations/office365/mailboxes";
import { emulatorForThisFile } from "./emulator";
import { configure, connect, resetOffice365Data } from "./office365";

/** POST /_emulator/mailboxes: mailboxes added at run time behave like the seeded ones. */
const { control } = emulatorForThisFile();
let admin: SessionUser;
const ZONE = "Europe/London";
const monday = DateTime.fromISO("2027-03-01T00:00", { zone: ZONE });

beforeEach(async () => {
  await control().reset();
  admin = await resetOffice365Data();
  await configure(admin);
});

describe("mailboxes added to the emulator at run time", () => {
  it("have a default calendar the hub reads with application access", async () => {
    const room = await control().addMailbox({ email: "Room.Annexe-1@council.example", displayName: "Annexe 1", kind: "room" });
    expect(room).toMatchObject({ email: "room.annexe-1@council.example", kind: "room", tenantId: TENANTS.council.id });
    expect(await control().mailboxCalendars(room.email)).toEqual([expect.objectContaining({ id: room.calendarId, name: "Calendar", isDefault: true })]);
    await control().setMailboxEvents(room.email, [{ subject: "Planning", start: "2027-03-01T10:00:00Z", end: "2027-03-01T11:00:00Z", showAs: "tentative" }]);

    await control().updateApp(APPS.multi.clientId, { adminConsentedTenants: [TENANTS.council.domain] });
    const mailbox = await addApplicationMailbox(admin, room.email);
    expect(mailbox.displayName).toBe("Annexe 1");
    const events = await listEvents({ accountId: mailbox.id, calendarId: room.calendarId, start: monday, end: monday.plus({ days: 1 }), timeZone: ZONE });
    expect(events.map((event) => [event.subject, event.showAs])).toEqual([["Planning", "tentative"]]);
    const availability = await getAvailability({ calendars: [{ accountId: mailbox.id }], start: monday, end: monday.plus({ days: 1 }), timeZone: ZONE, slotMinutes: 60 });
    expect(availability.calendars[0]).toMatchObject({ status: "ok", busy: [expect.objectContaining({ status: "tentative" })] });
  });

  it("cannot sign in when they are rooms or shared mailboxes; users can", async () => {
    await control().addMailbox({ email: "events.annexe@council.example", displayName: "Annexe events", kind: "shared" });
    await control().addMailbox({ email: "erin.evans@council.example", displayName: "Erin Evans", kind: "user" });
    // As at Microsoft, the sign-in page itself refuses: AADSTS50057, the account is disabled.
    await expect(connect(control(), admin, "events.annexe@council.example")).rejects.toThrow(/AADSTS50057/);
    await expect(connect(control(), admin, "erin.evans@council.example")).resolves.toMatchObject({ kind: "connected" });
  });

  it("refuses an address that exists or whose domain is no work tenant's", async () => {
    await expect(control().addMailbox({ email: USERS.room.email, displayName: "Again", kind: "room" })).rejects.toThrow(/409/);
    await expect(control().addMailbox({ email: "room@outlook.example", displayName: "Personal", kind: "room" })).rejects.toThrow(/400.*work tenant/);
    await control().reset();
    await expect(control().mailboxCalendars("room.annexe-1@council.example")).rejects.toThrow(/404/);
  });
});
