import { beforeEach, describe, expect, it } from "vitest";
import { APPS, SEED_APPLICATION_PERMISSIONS, SEED_DELEGATED_PERMISSIONS, TENANTS, USERS } from "../../../e2e/microsoft/directory";
import { ROOM_LISTS, ROOMS } from "../../../e2e/microsoft/places/seed";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { configure, connect, resetOffice365Data, signInAtMicrosoft } from "../../../scripts/test/office365";
import type { SessionUser } from "../../auth/session";
import { db } from "../../db";
import type { HubError } from "../../errors";
import { startAdminConsent } from "./authorize";
import { azureAdV2 } from "./azure-ad";
import { completeAuthorization } from "./callback";
import type { GraphIdentity } from "./graph";
import { directoryAccess, listRoomLists, listRooms, MAX_ROOMS } from "./places";

/** The room directory read from the emulator's Places API over HTTPS, as the app and as connected accounts. */
const { control } = emulatorForThisFile();
let admin: SessionUser;

beforeEach(async () => {
  await control().reset();
  admin = await resetOffice365Data();
  await configure(admin);
});

async function grantAdminConsent() {
  await control().nextAdminConsent({ accept: true });
  expect(await completeAuthorization(admin, await signInAtMicrosoft(await startAdminConsent(admin)))).toMatchObject({ kind: "admin_consented" });
}

async function reader(): Promise<GraphIdentity> {
  const access = await directoryAccess();
  if (!access.readable) throw access.reason;
  return access.identity;
}

async function refusal(): Promise<HubError> {
  const access = await directoryAccess();
  if (access.readable) throw new Error(`The directory was readable as ${access.via}`);
  return access.reason;
}

const withoutPlaces = (permissions: readonly string[]) => permissions.filter((name) => name !== "Place.Read.All");
const graphRequests = async () => (await control().requests()).filter((request) => request.service === "graph");
const townHall = ROOM_LISTS.townHall.email.toLowerCase();

describe("the room directory, read with the app's access", () => {
  it("lists two buildings and their rooms, keyed by lower-case address, with what the page shows", async () => {
    await grantAdminConsent();
    const access = await directoryAccess();
    expect(access).toMatchObject({ readable: true, access: "application", identity: { kind: "app", tenant: TENANTS.council.id } });
    const identity = await reader();

    expect(await listRoomLists(identity)).toEqual({
      roomLists: [
        { address: ROOM_LISTS.civicCentre.email, name: "Civic Centre", location: "Civic Way, Exampleton, EX1 2CC" },
        { address: townHall, name: "Town Hall", location: "1 High Street, Exampleton, EX1 1AA" },
      ],
      truncated: false,
    });

    const town = await listRooms(identity, { roomList: ROOM_LISTS.townHall.email });
    expect(town.rooms.map((room) => room.address)).toEqual([ROOMS.committeeRoom.email, ROOMS.councilChamber.email, ROOMS.mayorsParlour.email]);
    expect(town.rooms[0]).toEqual({
      address: ROOMS.committeeRoom.email,
      name: "Committee Room 1",
      capacity: 12,
      building: "Town Hall",
      floor: "First floor",
      wheelchairAccessible: true,
      audioDevice: "Ceiling microphones",
      videoDevice: "Teams Room camera",
      displayDevice: "75-inch screen",
      bookingType: "standard",
      roomList: townHall,
    });
    // Listed, but first come, first served: it cannot be booked.
    expect(town.rooms[2]).toMatchObject({ name: "Mayor's Parlour", bookingType: "reserved", wheelchairAccessible: false });

    const civic = await listRooms(identity, { roomList: ROOM_LISTS.civicCentre.email });
    expect(civic.rooms.map((room) => [room.address, room.capacity, room.floor])).toEqual([
      [ROOMS.meetingRoomA.email, 10, "2"],
      ["room.civic-b@council.example", 6, "2"],
      [ROOMS.trainingSuite.email, 20, "G"],
    ]);

    // The room list goes in the path by its address (as Learn says: not by id), and only what is shown is asked for.
    const [roomsRequest] = (await graphRequests()).filter((request) => request.path.endsWith("/rooms"));
    expect(roomsRequest?.path).toBe(`/v1.0/places/${encodeURIComponent(townHall)}/microsoft.graph.roomlist/rooms`);
    expect(roomsRequest?.query.$select?.split(",")).toContain("isWheelChairAccessible");
  });

  it("lists every room of the tenant, in no building too, never a hidden one nor another tenant's", async () => {
    await grantAdminConsent();
    const identity = await reader();
    const { rooms, truncated } = await listRooms(identity);
    expect(truncated).toBe(false);
    const addresses = rooms.map((room) => room.address);
    expect(addresses).toContain(ROOMS.depotRoom.email);
    expect(addresses).not.toContain(ROOMS.interviewRoom.email);
    expect(addresses).not.toContain(ROOMS.partnerBoardroom.email);
    expect(rooms.find((room) => room.address === ROOMS.depotRoom.email)).not.toHaveProperty("roomList");

    await control().updateRoom(ROOMS.committeeRoom.email, { hiddenFromAddressLists: true });
    expect((await listRooms(identity)).rooms.map((room) => room.address)).not.toContain(ROOMS.committeeRoom.email);
  });

  it("follows @odata.nextLink past Microsoft's 100 a page, and stops at 2,000 rooms saying so", async () => {
    await grantAdminConsent();
    const identity = await reader();
    await control().addRoomList({ email: "annexe@council.example", displayName: "Annexe" });
    const addRooms = async (from: number, to: number, roomList?: string) => {
      for (let start = from; start <= to; start += 50) {
        const batch = Array.from({ length: Math.min(50, to - start + 1) }, (_, i) => start + i);
        await Promise.all(batch.map((n) => control().addRoom({ email: `room.annexe-${n}@council.example`, displayName: `Annexe ${String(n).padStart(4, "0")}`, roomList, capacity: 4 })));
      }
    };
    await addRooms(1, 150, "annexe@council.example");
    await control().clearRequests();
    const annexe = await listRooms(identity, { roomList: "annexe@council.example" });
    expect(annexe).toMatchObject({ truncated: false });
    expect(new Set(annexe.rooms.map((room) => room.address)).size).toBe(150);
    expect((await graphRequests()).map((request) => request.query.$skip ?? "first")).toEqual(["first", "100"]);

    // 150 + 7 seeded; 1,850 more make 2,007 visible rooms: 21 pages, one more than the hub reads.
    await addRooms(151, 2_000);
    await control().clearRequests();
    const all = await listRooms(identity);
    expect(all.truncated).toBe(true);
    expect(all.rooms).toHaveLength(MAX_ROOMS);
    expect(await graphRequests()).toHaveLength(20);
  }, 60_000);
});

describe("reading the directory as a connected account", () => {
  it("uses a v1.0 account's delegated Place.Read.All when the app has no admin consent", async () => {
    await configure(admin, { azureAdVersion: "v1" });
    await connect(control(), admin, USERS.bob.email);
    const access = await directoryAccess();
    expect(access).toMatchObject({ readable: true, access: "delegated", via: USERS.bob.email });
    const rooms = await listRooms(await reader(), { roomList: ROOM_LISTS.civicCentre.email });
    expect(rooms.rooms).toHaveLength(3);
  });

  it("does not ask for Place.Read.All at v2.0 sign-in, so accounts connect whether or not the app has it", async () => {
    // Microsoft would ask staff for an administrator's approval of a scope that needs admin consent.
    expect(azureAdV2.apiParameters("https://graph.microsoft.com").scope).not.toContain("Place.Read.All");
    await control().updateApp(APPS.multi.clientId, { delegatedPermissions: withoutPlaces(SEED_DELEGATED_PERMISSIONS) });
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "connected" });
    const account = await db.connectedAccount.findFirstOrThrow();
    expect(account.scopes).not.toMatch(/Place/);
  });
});

describe("when the directory cannot be read, the reason says what to do", () => {
  it("with nothing connected and no admin consent yet", async () => {
    const reason = await refusal();
    expect(reason.code).toBe("places_no_access");
    expect(reason.message).toContain("no account is connected and admin consent has not been granted");
    expect(reason.message).toContain("Place.Read.All");
    expect(reason.message).toContain("Rooms can still be added by their address");
  });

  it("when the app lacks Place.Read.All, and no connected account has it", async () => {
    await control().updateApp(APPS.multi.clientId, { applicationPermissions: withoutPlaces(SEED_APPLICATION_PERMISSIONS) });
    await grantAdminConsent();
    // Alice connects with v2.0: her token has no Place.Read.All, so only the app is tried.
    await connect(control(), admin, USERS.alice.email);
    const reason = await refusal();
    expect(reason.code).toBe("places_forbidden");
    expect(reason.message).toMatch(/the app lacks Place\.Read\.All\. In Microsoft Entra, add the Microsoft Graph permission Place\.Read\.All .* as an application permission, then choose Grant admin consent/);
    expect(reason.toJSON("staff").message).toBe("The hub cannot read the room directory. A hub administrator must fix this on the Office 365 page.");
    // The same refusal from a listing, whoever calls it.
    await expect(listRoomLists({ kind: "app", tenant: TENANTS.council.id })).rejects.toMatchObject({ code: "places_forbidden", params: { access: "application" } });
  });

  it("in a national cloud, without asking Microsoft", async () => {
    await configure(admin, { cloud: "usgov" });
    await control().clearRequests();
    const reason = await refusal();
    expect(reason.code).toBe("places_unavailable_in_cloud");
    expect(reason.message).toBe(
      "Microsoft documents its room directory (the Places API) for the global cloud only, so the hub cannot list the rooms of a US Government (GCC High) tenant. Rooms can still be added by their address.",
    );
    expect(await control().requests()).toHaveLength(0);
  });

  it("for a room list that is not there, or not an address", async () => {
    await grantAdminConsent();
    const identity = await reader();
    await expect(listRooms(identity, { roomList: "nowhere@council.example" })).rejects.toMatchObject({
      code: "not_found",
      message: "Microsoft could not find the room list nowhere@council.example. It may have been deleted.",
    });
    await expect(listRooms(identity, { roomList: "Town Hall" })).rejects.toMatchObject({ code: "invalid_input", field: "roomList" });
  });
});
