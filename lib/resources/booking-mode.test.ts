import { beforeEach, describe, expect, it } from "vitest";
import { APPS, TENANTS, USERS } from "../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../scripts/test/office365";
import { resetResourceData } from "../../scripts/test/resources";
import type { SessionUser } from "../auth/session";
import { db } from "../db";
import { addApplicationMailbox } from "../integrations/office365/mailboxes";
import { updateBookingMode } from "./booking-mode";
import { bookerMayOrganise, organiserChoices } from "./organisers";
import { createResource, findResource, type Resource } from "./resources";

/** Who may send a room's invitations: never the room itself, and the person booking only with application access. */
const { control } = emulatorForThisFile();
let admin: SessionUser;
let alice: string;
let diary: Resource;

const consent = () => control().updateApp(APPS.multi.clientId, { adminConsentedTenants: [TENANTS.council.domain] });

beforeEach(async () => {
  await control().reset();
  await resetResourceData();
  admin = await resetOffice365Data();
  await configure(admin);
  await connect(control(), admin, USERS.alice.email);
  alice = (await db.connectedAccount.findFirstOrThrow()).id;
  const calendar = (await control().mailboxCalendars(USERS.alice.email)).find((candidate) => candidate.isDefault)!;
  // Alice's own mailbox as a resource: a mailbox's default calendar, so it can be invited.
  diary = await createResource(
    admin,
    { name: "Alice's diary", kind: "calendar", description: null, capacity: null, building: null, floor: null, wheelchairAccessible: false, equipmentNotes: null, whoCanBook: "staff", showOnBookingPage: true },
    { how: "account", accountId: alice, calendarId: calendar.id },
  );
});

describe("how bookings are made", () => {
  it("refuses the person booking as organiser until the app has application access, and saves it after", async () => {
    expect(await bookerMayOrganise()).toBe(false);
    await expect(updateBookingMode(admin, diary.id, { mode: "invitation", organiserId: null })).rejects.toMatchObject({
      code: "booker_needs_application_access",
      field: "organiser",
    });
    expect((await findResource(diary.id))!.booking.mode).toBe("direct");

    await consent();
    await addApplicationMailbox(admin, USERS.room.email);
    expect(await bookerMayOrganise()).toBe(true);
    const saved = await updateBookingMode(admin, diary.id, { mode: "invitation", organiserId: null });
    expect(saved.booking).toEqual({ mode: "invitation", organiserId: null, onlineMeetingProviders: null });
  });

  it("never offers or accepts the room's own mailbox as the organiser of its invitations", async () => {
    await consent();
    const room = await addApplicationMailbox(admin, USERS.room.email);
    expect((await organiserChoices(USERS.alice.email)).map((organiser) => organiser.address)).toEqual([USERS.room.email]);
    expect((await organiserChoices(USERS.room.email)).map((organiser) => organiser.address)).toEqual([USERS.alice.email]);

    await expect(updateBookingMode(admin, diary.id, { mode: "invitation", organiserId: alice })).rejects.toMatchObject({ code: "organiser_is_room", field: "organiser" });
    const saved = await updateBookingMode(admin, diary.id, { mode: "invitation", organiserId: room.id });
    expect(saved.booking).toMatchObject({ mode: "invitation", organiserId: room.id });
  });
});
