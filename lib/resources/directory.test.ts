import { beforeEach, describe, expect, it } from "vitest";
import { APPS, SEED_APPLICATION_PERMISSIONS, USERS } from "../../e2e/microsoft/directory";
import { ROOM_LISTS, ROOMS } from "../../e2e/microsoft/places/seed";
import { emulatorForThisFile } from "../../scripts/test/emulator";
import { configure, resetOffice365Data, signInAtMicrosoft } from "../../scripts/test/office365";
import { resetResourceData } from "../../scripts/test/resources";
import type { SessionUser } from "../auth/session";
import { db } from "../db";
import { startAdminConsent } from "../integrations/office365/authorize";
import { completeAuthorization } from "../integrations/office365/callback";
import { addApplicationMailbox } from "../integrations/office365/mailboxes";
import { addRoomsFromDirectory, detailsFromDirectory, MAX_ROOMS_PER_ADDITION, readRoomDirectory } from "./directory";
import { findResource } from "./resources";
import { DEFAULT_RULES } from "./rules-schema";

/** Adding rooms from the emulator's room directory (Places API) over HTTPS, as the app after admin consent. */
const { control } = emulatorForThisFile();
let admin: SessionUser;

beforeEach(async () => {
  await control().reset();
  await resetResourceData();
  admin = await resetOffice365Data();
  await configure(admin);
});

async function grantAdminConsent() {
  await control().nextAdminConsent({ accept: true });
  expect(await completeAuthorization(admin, await signInAtMicrosoft(await startAdminConsent(admin)))).toMatchObject({ kind: "admin_consented" });
}

const chamber = ROOMS.councilChamber.email;
const committee = ROOMS.committeeRoom.email;
const mailboxAddresses = async () => (await db.applicationMailbox.findMany({ orderBy: { address: "asc" } })).map((mailbox) => mailbox.address);
const resourceCount = () => db.resource.count();

describe("adding rooms from the directory", () => {
  it("adds each ticked room as a mailbox with application access and a Room resource with the directory's details", async () => {
    await grantAdminConsent();
    const result = await addRoomsFromDirectory(admin, [chamber, committee.toUpperCase()]);

    expect(result.refused).toEqual([]);
    expect(result.added.map((room) => [room.address, room.name, room.mailboxAdded])).toEqual([
      [chamber, "Council Chamber", true],
      [committee, "Committee Room 1", true],
    ]);
    expect(await mailboxAddresses()).toEqual([committee, chamber]);

    const committeeRoom = await findResource(result.added[1]!.resourceId);
    expect(committeeRoom).toMatchObject({
      name: "Committee Room 1",
      kind: "room",
      capacity: 12,
      building: "Town Hall",
      floor: "First floor",
      wheelchairAccessible: true,
      equipmentNotes: "Ceiling microphones, Teams Room camera, 75-inch screen",
      whoCanBook: "staff",
      showOnBookingPage: true,
      directoryAddress: committee,
      rules: DEFAULT_RULES,
      closedOnBankHolidays: true,
      calendar: { how: "application", address: committee, calendarName: "Calendar", isDefaultCalendar: true, accountId: null, sharedMailbox: null },
    });
    const mailbox = await db.applicationMailbox.findUniqueOrThrow({ where: { address: committee } });
    expect(committeeRoom?.calendar.mailboxId).toBe(mailbox.id);
    expect(mailbox.displayName).toBe("Committee Room 1");

    const actions = (await db.auditEvent.findMany({ orderBy: { at: "asc" } })).map((event) => event.action);
    expect(actions.filter((action) => action === "resource.added")).toHaveLength(2);
    expect(actions.filter((action) => action === "office365.mailbox.added")).toHaveLength(2);
  });

  it("takes the details from Microsoft, never from the caller: a room changed since the page was drawn is added as it is now", async () => {
    await grantAdminConsent();
    await control().updateRoom(chamber, { capacity: 75, displayName: "Council Chamber (refurbished)" });
    const { added } = await addRoomsFromDirectory(admin, [chamber]);
    expect(await findResource(added[0]!.resourceId)).toMatchObject({ name: "Council Chamber (refurbished)", capacity: 75 });
  });

  it("refuses each room that cannot be added with its reason, and adds the others", async () => {
    await grantAdminConsent();
    await addRoomsFromDirectory(admin, [ROOMS.meetingRoomA.email]);
    const before = await mailboxAddresses();

    const result = await addRoomsFromDirectory(admin, [
      ROOMS.mayorsParlour.email,
      ROOMS.interviewRoom.email,
      "room.nowhere@council.example",
      ROOMS.meetingRoomA.email,
      ROOMS.trainingSuite.email,
    ]);
    expect(result.added.map((room) => room.address)).toEqual([ROOMS.trainingSuite.email]);
    expect(result.refused.map((room) => [room.address, room.code])).toEqual([
      [ROOMS.mayorsParlour.email, "directory_room_not_bookable"],
      [ROOMS.interviewRoom.email, "directory_room_not_listed"],
      ["room.nowhere@council.example", "directory_room_not_listed"],
      [ROOMS.meetingRoomA.email, "already_a_resource"],
    ]);
    expect(result.refused[0]!.message).toBe("Mayor's Parlour cannot be booked: Exchange lists it as reserved (first come, first served), so it takes no bookings.");
    // A hidden room is not returned by Microsoft: the answer says so and how to add it anyway.
    expect(result.refused[1]!.message).toContain("hidden from the address list");
    expect(result.refused[1]!.message).toContain("added by its address");
    expect(result.refused[3]!.message).toBe('Meeting Room A is already the resource "Meeting Room A".');
    // Nothing was saved for the refused rooms.
    expect(await mailboxAddresses()).toEqual([...before, ROOMS.trainingSuite.email].sort());
    expect(await resourceCount()).toBe(2);
  });

  it("knows a room that is already a resource by its calendar's owner, however it was added", async () => {
    await grantAdminConsent();
    // The chamber's mailbox added by address on the Office 365 page, then a resource made of it by hand.
    const mailbox = await addApplicationMailbox(admin, chamber);
    await db.resource.create({
      data: { name: "The chamber", kind: "room", mailboxId: mailbox.id, calendarId: "x", calendarName: "Calendar", calendarOwner: chamber, openingHours: "{}", createdByEmail: admin.email },
    });
    const result = await addRoomsFromDirectory(admin, [chamber]);
    expect(result.refused).toEqual([expect.objectContaining({ code: "already_a_resource", message: 'Council Chamber is already the resource "The chamber".' })]);
  });

  it("reuses a mailbox that already has application access", async () => {
    await grantAdminConsent();
    const mailbox = await addApplicationMailbox(admin, chamber);
    const { added } = await addRoomsFromDirectory(admin, [chamber]);
    expect(added).toEqual([expect.objectContaining({ address: chamber, mailboxAdded: false })]);
    expect((await findResource(added[0]!.resourceId))?.calendar.mailboxId).toBe(mailbox.id);
    expect(await db.applicationMailbox.count()).toBe(1);
  });

  it("saves nothing for a room whose calendar the app cannot read, and says which permission is missing", async () => {
    // The app can read the directory but has no calendar permission.
    await control().updateApp(APPS.multi.clientId, { applicationPermissions: ["Place.Read.All"] });
    await grantAdminConsent();
    const result = await addRoomsFromDirectory(admin, [chamber, committee]);
    expect(result.added).toEqual([]);
    expect(result.refused.map((room) => room.code)).toEqual(["graph_forbidden", "graph_forbidden"]);
    expect(result.refused[0]!.message).toContain("The app lacks permission Calendars.Read for the mailbox room.council-chamber@council.example");
    expect(await db.applicationMailbox.count()).toBe(0);
    expect(await resourceCount()).toBe(0);
  });

  it("saves nothing for a room when Microsoft fails while its calendar is read", async () => {
    await grantAdminConsent();
    await control().addFault({ service: "graph", pathPattern: "room\\.committee-1.*/calendar$", status: 500, times: 1 });
    const result = await addRoomsFromDirectory(admin, [chamber, committee]);
    expect(result.added.map((room) => room.address)).toEqual([chamber]);
    expect(result.refused).toEqual([expect.objectContaining({ address: committee, name: "Committee Room 1", code: "graph_unavailable" })]);
    expect(await mailboxAddresses()).toEqual([chamber]);
    expect(await resourceCount()).toBe(1);
    // Adding it again later works: nothing of it was left behind.
    expect((await addRoomsFromDirectory(admin, [committee])).added).toHaveLength(1);
  });

  it("refuses no rooms, too many rooms, and a directory it cannot read, before doing anything", async () => {
    await expect(addRoomsFromDirectory(admin, [])).rejects.toMatchObject({ code: "invalid_input", field: "rooms", message: "Select at least one room to add" });
    const many = Array.from({ length: MAX_ROOMS_PER_ADDITION + 1 }, (_, i) => `room.${i}@council.example`);
    await expect(addRoomsFromDirectory(admin, many)).rejects.toMatchObject({ code: "invalid_input", message: "Select at most 100 rooms at a time" });
    await expect(addRoomsFromDirectory(admin, ["Council Chamber"])).rejects.toMatchObject({ code: "invalid_input" });
    await control().clearRequests();
    // Nothing connected and no admin consent yet.
    await expect(addRoomsFromDirectory(admin, [chamber])).rejects.toMatchObject({ code: "places_no_access" });
    expect(await db.applicationMailbox.count()).toBe(0);

    await control().updateApp(APPS.multi.clientId, { applicationPermissions: SEED_APPLICATION_PERMISSIONS.filter((name) => name !== "Place.Read.All") });
    await grantAdminConsent();
    await expect(addRoomsFromDirectory(admin, [chamber])).rejects.toMatchObject({ code: "places_forbidden" });
    expect(await db.applicationMailbox.count()).toBe(0);
  });
});

describe("the directory as the page lists it", () => {
  it("lists the buildings with their rooms and the rooms in no building, marking those already resources", async () => {
    await grantAdminConsent();
    await addRoomsFromDirectory(admin, [committee]);
    const directory = await readRoomDirectory();
    if (!directory.readable) throw directory.reason;
    expect(directory).toMatchObject({ access: "application", truncated: false });
    expect(directory.buildings.map((building) => [building.roomList.name, building.rooms.map((room) => room.name)])).toEqual([
      ["Civic Centre", ["Meeting Room A", "Meeting Room B", "Training Suite"]],
      // The hidden Interview Room 1 is never returned; the reserved parlour is, marked so.
      ["Town Hall", ["Committee Room 1", "Council Chamber", "Mayor's Parlour"]],
    ]);
    const townHall = directory.buildings[1]!;
    expect(townHall.roomList.address).toBe(ROOM_LISTS.townHall.email.toLowerCase());
    expect(townHall.rooms.map((room) => [room.name, room.bookingType, room.resource?.name ?? null])).toEqual([
      ["Committee Room 1", "standard", "Committee Room 1"],
      ["Council Chamber", "standard", null],
      ["Mayor's Parlour", "reserved", null],
    ]);
    expect(directory.otherRooms.map((room) => room.address)).toEqual([ROOMS.depotRoom.email]);
  });

  it("says why it cannot be read", async () => {
    const directory = await readRoomDirectory();
    expect(directory).toMatchObject({ readable: false, reason: { code: "places_no_access" } });
  });
});

describe("a directory room's details as a resource's", () => {
  const room = {
    address: USERS.room.email,
    name: "A".repeat(140),
    capacity: 0,
    building: null,
    floor: "3",
    wheelchairAccessible: false,
    audioDevice: null,
    videoDevice: null,
    displayDevice: "Screen",
    bookingType: "standard" as const,
  };

  it("keeps within the details' limits: no capacity rather than 0, a long name shortened", () => {
    expect(detailsFromDirectory(room)).toMatchObject({ name: `${"A".repeat(99)}…`, capacity: null, building: null, floor: "3", equipmentNotes: "Screen", kind: "room" });
    expect(detailsFromDirectory({ ...room, displayDevice: null }).equipmentNotes).toBeNull();
  });
});
