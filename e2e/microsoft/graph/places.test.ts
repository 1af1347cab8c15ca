import { beforeEach, describe, expect, it } from "vitest";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { APPS, SEED_APPLICATION_PERMISSIONS, SEED_DELEGATED_PERMISSIONS, TENANTS, USERS } from "../directory";
import { ROOM_LISTS, ROOMS } from "../places/seed";

/** The emulator's Places API over HTTPS, with tokens from its own sign-in flows, as a client gets them. */
const { emulator, control } = emulatorForThisFile();
const APP = APPS.multi;
const REDIRECT_URI = "http://localhost:3000/jadu/integrations/office365/callback";

type Answer = { status: number; body: Record<string, unknown> & { value?: Record<string, unknown>[] } };

async function graph(token: string, path: string): Promise<Answer> {
  const url = path.startsWith("https://") ? path : `${emulator().graphUrl}/v1.0${path}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function tokenRequest(tenant: string, version: "v1" | "v2", form: Record<string, string>): Promise<string> {
  const url = `${emulator().loginUrl}/${tenant}/oauth2${version === "v2" ? "/v2.0" : ""}/token`;
  const response = await fetch(url, { method: "POST", body: new URLSearchParams({ client_id: APP.clientId, client_secret: APP.secret, ...form }) });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`No token: ${body.error_description}`);
  return body.access_token;
}

/** Client credentials in a tenant: roles only once an admin consented there. */
const appToken = (tenant: string = TENANTS.council.domain) =>
  tokenRequest(tenant, "v2", { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" });

/** Signs in as the user (v2.0: with the scopes asked; v1.0: the app's configured permissions) and redeems the code. */
async function delegatedToken(email: string, { version = "v2", scope = "openid offline_access User.Read", tenant = "organizations" } = {}) {
  await control().nextSignIn({ email });
  const path = version === "v2" ? "oauth2/v2.0/authorize" : "oauth2/authorize";
  const query = new URLSearchParams({ client_id: APP.clientId, response_type: "code", redirect_uri: REDIRECT_URI });
  if (version === "v2") query.set("scope", scope);
  else query.set("resource", "https://graph.microsoft.com");
  const response = await fetch(`${emulator().loginUrl}/${tenant}/${path}?${query}`, { redirect: "manual" });
  const code = new URL(response.headers.get("location") ?? "").searchParams.get("code");
  if (!code) throw new Error(`No code: ${response.headers.get("location")}`);
  const grant = { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI };
  return tokenRequest(tenant, version as "v1" | "v2", version === "v2" ? { ...grant, scope } : { ...grant, resource: "https://graph.microsoft.com" });
}

const emails = (answer: Answer) => (answer.body.value ?? []).map((place) => String(place.emailAddress).toLowerCase());
const consent = (tenants: string[] = [TENANTS.council.domain]) => control().updateApp(APP.clientId, { adminConsentedTenants: tenants });

beforeEach(async () => {
  await control().reset();
});

describe("the tenant's room lists and rooms", () => {
  it("lists the room lists of the caller's tenant, each addressed by its email", async () => {
    await consent([TENANTS.council.domain, TENANTS.partner.domain]);
    const lists = await graph(await appToken(), "/places/microsoft.graph.roomlist");
    expect(lists.status).toBe(200);
    expect(lists.body["@odata.context"]).toBe(`${emulator().graphUrl}/v1.0/$metadata#places/microsoft.graph.roomList`);
    expect(lists.body.value).toEqual([
      { id: expect.any(String), displayName: "Civic Centre", address: ROOM_LISTS.civicCentre.address, geoCoordinates: null, phone: null, emailAddress: ROOM_LISTS.civicCentre.email },
      expect.objectContaining({ displayName: "Town Hall", emailAddress: "Town.Hall@council.example" }),
    ]);
    // Another tenant's token sees only that tenant's buildings.
    expect(emails(await graph(await appToken(TENANTS.partner.domain), "/places/microsoft.graph.roomList"))).toEqual([ROOM_LISTS.partnerHq.email]);
  });

  it("lists a room list's rooms by its email address, in any case, never the hidden room", async () => {
    await consent();
    const token = await appToken();
    const townHall = await graph(token, `/places/${encodeURIComponent("town.hall@COUNCIL.example")}/microsoft.graph.roomlist/rooms`);
    expect(townHall.status).toBe(200);
    expect(townHall.body["@odata.context"]).toContain("places('town.hall%40COUNCIL.example')/microsoft.graph.roomList/rooms");
    expect(emails(townHall).sort()).toEqual([ROOMS.committeeRoom.email, ROOMS.councilChamber.email, ROOMS.mayorsParlour.email].sort());
    expect(emails(townHall)).not.toContain(ROOMS.interviewRoom.email);
    expect(emails(await graph(token, `/places/${ROOM_LISTS.civicCentre.email}/microsoft.graph.roomlist/rooms`))).toHaveLength(3);
  });

  it("does not find a room list by its id (the page says: by emailAddress, not id), nor an unknown address", async () => {
    await consent();
    const token = await appToken();
    const [townHall] = (await graph(token, "/places/microsoft.graph.roomlist?$filter=displayName eq 'Town Hall'")).body.value ?? [];
    const byId = await graph(token, `/places/${String(townHall?.id)}/microsoft.graph.roomlist/rooms`);
    expect(byId.status).toBe(404);
    expect(byId.body.error).toMatchObject({ code: "UnknownError", message: expect.stringContaining("invalid_place") });
    expect((await graph(token, "/places/nowhere@council.example/microsoft.graph.roomlist/rooms")).status).toBe(404);
    // Another tenant's room list does not exist for this token.
    expect((await graph(token, `/places/${ROOM_LISTS.partnerHq.email}/microsoft.graph.roomlist/rooms`)).status).toBe(404);
  });

  it("lists every room with its place properties: rooms in no list included, hidden ones left out", async () => {
    await consent();
    const rooms = await graph(await appToken(), "/places/microsoft.graph.room");
    expect(rooms.status).toBe(200);
    expect(emails(rooms)).toContain(ROOMS.depotRoom.email);
    expect(emails(rooms)).not.toContain(ROOMS.interviewRoom.email);
    expect(emails(rooms)).not.toContain(ROOMS.partnerBoardroom.email);
    const byAddress = new Map((rooms.body.value ?? []).map((room) => [String(room.emailAddress).toLowerCase(), room]));
    expect(byAddress.get(ROOMS.committeeRoom.email)).toEqual({
      id: expect.stringMatching(/^[0-9A-F-]{36}$/),
      displayName: "Committee Room 1",
      address: ROOM_LISTS.townHall.address,
      geoCoordinates: null,
      phone: "",
      nickname: "Committee Room 1",
      emailAddress: ROOMS.committeeRoom.email,
      building: "Town Hall",
      floorNumber: 1,
      floorLabel: "First floor",
      label: null,
      capacity: 12,
      bookingType: "standard",
      audioDeviceName: "Ceiling microphones",
      videoDeviceName: "Teams Room camera",
      displayDeviceName: "75-inch screen",
      isWheelChairAccessible: true,
      tags: [],
    });
    expect(byAddress.get(ROOMS.mayorsParlour.email)).toMatchObject({ bookingType: "reserved", capacity: 8 });
    // Exchange keeps the address as created.
    expect(byAddress.get("room.civic-b@council.example")?.emailAddress).toBe("Room.Civic-B@council.example");
    // A room mailbox nobody described still is a place, with Graph's defaults.
    await control().addMailbox({ email: "room.plain@council.example", displayName: "Plain room", kind: "room" });
    const plain = (await graph(await appToken(), "/places/microsoft.graph.room?$filter=startswith(displayName,'plain')")).body.value;
    expect(plain).toEqual([expect.objectContaining({ capacity: null, building: null, bookingType: "standard", isWheelChairAccessible: false })]);
  });
});

describe("paging, $filter, $select and $count", () => {
  it("pages 100 rooms at a time with an absolute @odata.nextLink, and honours $top and $skip", async () => {
    await consent();
    await control().addRoomList({ email: "annexe@council.example", displayName: "Annexe" });
    for (let i = 1; i <= 130; i++) {
      await control().addRoom({ email: `room.annexe-${String(i).padStart(3, "0")}@council.example`, displayName: `Annexe ${String(i).padStart(3, "0")}`, roomList: "annexe@council.example", capacity: i });
    }
    const token = await appToken();
    const first = await graph(token, "/places/annexe@council.example/microsoft.graph.roomlist/rooms");
    expect(first.body.value).toHaveLength(100);
    const next = String(first.body["@odata.nextLink"]);
    expect(next.startsWith(`${emulator().graphUrl}/v1.0/places/`)).toBe(true);
    const second = await graph(token, next);
    expect(second.body.value).toHaveLength(30);
    expect(second.body["@odata.nextLink"]).toBeUndefined();
    expect(new Set([...emails(first), ...emails(second)]).size).toBe(130);

    const all = await graph(token, "/places/microsoft.graph.room?$count=true&$top=50&$skip=100");
    const visibleCouncilRooms = 130 + 7; // the seeded council rooms less the hidden one
    expect(all.body["@odata.count"]).toBe(visibleCouncilRooms);
    expect(all.body.value).toHaveLength(37);
    expect(all.body["@odata.nextLink"]).toBeUndefined();
  });

  it("filters and selects", async () => {
    await consent();
    const token = await appToken();
    const large = await graph(token, "/places/microsoft.graph.room?$filter=capacity ge 12 and isWheelChairAccessible eq true");
    expect(emails(large).sort()).toEqual([ROOMS.committeeRoom.email, ROOMS.councilChamber.email, ROOMS.trainingSuite.email].sort());
    const reserved = await graph(token, "/places/microsoft.graph.room?$filter=bookingType eq 'reserved' or (building eq 'depot' and not (capacity gt 6))");
    expect(emails(reserved).sort()).toEqual([ROOMS.depotRoom.email, ROOMS.mayorsParlour.email].sort());
    const selected = await graph(token, "/places/microsoft.graph.room?$select=emailAddress,capacity&$filter=startswith(emailAddress,'room.civic')");
    expect(selected.body.value).toEqual([
      { id: expect.any(String), emailAddress: ROOMS.meetingRoomA.email, capacity: 10 },
      { id: expect.any(String), emailAddress: "Room.Civic-B@council.example", capacity: 6 },
    ]);
    expect(await graph(token, "/places/microsoft.graph.room?$filter=capacity gte 12")).toMatchObject({ status: 400, body: { error: { code: "BadRequest", message: expect.stringContaining("Invalid filter clause") } } });
    expect(await graph(token, "/places/microsoft.graph.room?$filter=seats eq 1")).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining("'seats'") } } });
    expect((await graph(token, "/places/microsoft.graph.room?$top=0")).status).toBe(400);
  });
});

describe("Place.Read.All", () => {
  const refused = { status: 403, body: { error: { code: "UnknownError", message: expect.stringContaining("place.read.all permission is required") } } };

  it("app-only: needs the application permission and an admin's consent for the tenant", async () => {
    expect(await graph(await appToken(), "/places/microsoft.graph.room")).toMatchObject(refused);
    await consent();
    expect((await graph(await appToken(), "/places/microsoft.graph.room")).status).toBe(200);
    // Consented, but the app registration no longer lists Place.Read.All as an application permission.
    await control().updateApp(APP.clientId, { applicationPermissions: SEED_APPLICATION_PERMISSIONS.filter((name) => name !== "Place.Read.All") });
    const answer = await graph(await appToken(), "/places/microsoft.graph.roomlist");
    expect(answer).toMatchObject(refused);
    expect(String((answer.body.error as { message: string }).message)).toContain("IsAppOnly:True");
  });

  it("delegated: a work account's token must carry the scope (v2.0 asks for it, v1.0 has what the app lists)", async () => {
    expect(await graph(await delegatedToken(USERS.alice.email), "/places/microsoft.graph.room")).toMatchObject(refused);
    const v2 = await delegatedToken(USERS.alice.email, { scope: "openid offline_access https://graph.microsoft.com/Place.Read.All" });
    expect(emails(await graph(v2, "/places/microsoft.graph.roomlist"))).toEqual([ROOM_LISTS.civicCentre.email, ROOM_LISTS.townHall.email.toLowerCase()]);
    expect((await graph(await delegatedToken(USERS.bob.email, { version: "v1" }), "/places/microsoft.graph.room")).status).toBe(200);

    await control().updateApp(APP.clientId, { delegatedPermissions: SEED_DELEGATED_PERMISSIONS.filter((name) => name !== "Place.Read.All") });
    expect(await graph(await delegatedToken(USERS.bob.email, { version: "v1" }), "/places/microsoft.graph.room")).toMatchObject(refused);
    // An app that lacks the permission gets no such scope, even when asked for it.
    const asked = await delegatedToken(USERS.alice.email, { scope: "openid Place.Read.All" });
    expect(await graph(asked, "/places/microsoft.graph.room")).toMatchObject(refused);
  });

  it("is not supported for personal Microsoft accounts", async () => {
    await control().updateApp(APP.clientId, { signInAudience: "AzureADandPersonalMicrosoftAccount" });
    const dave = await delegatedToken(USERS.dave.email, { tenant: "common", scope: "openid Place.Read.All" });
    expect(await graph(dave, "/places/microsoft.graph.room")).toMatchObject(refused);
  });
});

describe("shaping the directory through the control API", () => {
  it("hides, changes, moves and removes rooms; a reset restores the seed", async () => {
    await consent();
    const token = await appToken();
    const listed = async () => emails(await graph(token, "/places/microsoft.graph.room"));
    const before = (await control().places()).rooms.find((room) => room.email === ROOMS.meetingRoomA.email)!;
    expect(before).toMatchObject({ roomLists: [ROOM_LISTS.civicCentre.email], capacity: 10, hiddenFromAddressLists: false, calendarId: expect.any(String) });

    const hidden = await control().updateRoom(ROOMS.meetingRoomA.email, { hiddenFromAddressLists: true, capacity: 12 });
    expect(hidden.placeId).not.toBe(before.placeId);
    expect(await listed()).not.toContain(ROOMS.meetingRoomA.email);
    await control().updateRoom(ROOMS.meetingRoomA.email, { hiddenFromAddressLists: false, roomList: ROOM_LISTS.townHall.email });
    expect(emails(await graph(token, `/places/${ROOM_LISTS.townHall.email}/microsoft.graph.roomlist/rooms`))).toContain(ROOMS.meetingRoomA.email);
    expect(emails(await graph(token, `/places/${ROOM_LISTS.civicCentre.email}/microsoft.graph.roomlist/rooms`))).not.toContain(ROOMS.meetingRoomA.email);

    await control().removeRoom(ROOMS.depotRoom.email);
    expect(await listed()).not.toContain(ROOMS.depotRoom.email);
    await expect(control().mailboxCalendars(ROOMS.depotRoom.email)).rejects.toThrow(/404/);

    await expect(control().addRoom({ email: "room.x@council.example", displayName: "X", roomList: "nowhere@council.example" })).rejects.toThrow(/404/);
    await expect(control().mailboxCalendars("room.x@council.example")).rejects.toThrow(/404/);
    await expect(control().addRoomList({ email: ROOMS.committeeRoom.email, displayName: "Taken" })).rejects.toThrow(/409/);
    await expect(control().updateRoom(USERS.alice.email, { capacity: 1 })).rejects.toThrow(/not a room/);

    await control().reset();
    const seeded = await control().places();
    expect(seeded.rooms.find((room) => room.email === ROOMS.depotRoom.email)).toMatchObject({ capacity: 6 });
    expect(seeded.rooms.find((room) => room.email === ROOMS.meetingRoomA.email)).toMatchObject({ capacity: 10, roomLists: [ROOM_LISTS.civicCentre.email] });
    expect(seeded.rooms.find((room) => room.email === ROOMS.interviewRoom.email)).toMatchObject({ hiddenFromAddressLists: true });
  });
});
