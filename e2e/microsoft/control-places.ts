import type { EmulatorContext } from "./context";
import { ControlError, findUser, parse } from "./control-errors";
import { createMailbox, refuseAddressInUse, removeMailbox, tenantOfAddress } from "./control-mailboxes";
import {
  newRoomListSchema,
  newRoomSchema,
  roomUpdateSchema,
  type ControlPlaces,
  type ControlRoom,
  type ControlRoomList,
} from "./control-place-types";
import type { User } from "./directory";
import type { EmulatorRequest } from "./http";
import { newPlaceId, type RoomDetails, type RoomList } from "./places/model";

/**
 * Control endpoints that shape the room directory (the Places API) at run time: add a room list, add a room (a new
 * room mailbox with its default calendar), change a room (hide it from the address list, move it to another list,
 * change its capacity…), remove a room (its mailbox goes too), and read everything, hidden rooms included. Gone
 * after a reset. Returns undefined for paths it does not own.
 */

const address = (user: User) => user.mail ?? user.userPrincipalName;

function controlRoomList(ctx: EmulatorContext, list: RoomList): ControlRoomList {
  const { directory } = ctx.state;
  return {
    id: list.id,
    email: list.emailAddress,
    displayName: list.displayName,
    tenantId: list.tenantId,
    rooms: list.memberIds.map((id) => address(directory.userById(id))),
  };
}

function controlRoom(ctx: EmulatorContext, user: User): ControlRoom {
  const { places, calendars } = ctx.state;
  const { id: placeId, mailboxId, ...details } = places.placeOf(user);
  return {
    mailboxId,
    placeId,
    email: address(user),
    displayName: user.displayName,
    tenantId: user.tenantId,
    calendarId: calendars.defaultCalendar(user.id)?.id ?? "",
    roomLists: places.roomLists.filter((list) => list.memberIds.includes(user.id)).map((list) => list.emailAddress),
    ...details,
    tags: [...details.tags],
  };
}

function roomListOf(ctx: EmulatorContext, user: User, email: string): RoomList {
  const list = ctx.state.places.roomListByAddress(user.tenantId, email);
  if (!list) throw new ControlError(404, `No room list '${email}' in the tenant of ${address(user)}.`);
  return list;
}

export function findRoom(ctx: EmulatorContext, email: string): User {
  const user = findUser(ctx.state.directory, email);
  if (user.mailbox !== "room") throw new ControlError(400, `${email} is not a room mailbox.`);
  return user;
}

/** The spec's place properties that were given (undefined: left as they are). */
function givenDetails(spec: Partial<RoomDetails>): Partial<RoomDetails> {
  return Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined));
}

function addRoomList(ctx: EmulatorContext, body: unknown): ControlRoomList {
  const spec = parse(newRoomListSchema, body);
  const tenant = tenantOfAddress(ctx, spec.email);
  refuseAddressInUse(ctx, spec.email);
  const list = ctx.state.places.addRoomList({
    tenantId: tenant.id,
    emailAddress: spec.email,
    displayName: spec.displayName,
    address: spec.address ?? null,
    geoCoordinates: spec.geoCoordinates ?? null,
    phone: spec.phone ?? null,
  });
  return controlRoomList(ctx, list);
}

function addRoom(ctx: EmulatorContext, body: unknown): ControlRoom {
  const { email, displayName, roomList, ...details } = parse(newRoomSchema, body);
  const tenant = tenantOfAddress(ctx, email);
  // Checked before the mailbox exists, so a refused room leaves nothing behind.
  const list = roomList ? ctx.state.places.roomListByAddress(tenant.id, roomList) : undefined;
  if (roomList && !list) throw new ControlError(404, `No room list '${roomList}' in the tenant of ${email}.`);
  const { user } = createMailbox(ctx, { email, displayName, kind: "room" });
  ctx.state.places.describeRoom(user, givenDetails(details));
  if (list) ctx.state.places.addToRoomList(list, user.id);
  return controlRoom(ctx, user);
}

function updateRoom(ctx: EmulatorContext, user: User, body: unknown): ControlRoom {
  const { displayName, roomList, ...details } = parse(roomUpdateSchema, body);
  const { places } = ctx.state;
  // undefined: stays where it is; null: into no list.
  const list = roomList === undefined || roomList === null ? roomList : roomListOf(ctx, user, roomList);
  if (displayName) user.displayName = displayName;
  // A place's id "can change if there are changes to the mailbox" (https://learn.microsoft.com/graph/api/resources/room).
  places.describeRoom(user, { ...givenDetails(details), id: newPlaceId() });
  if (list !== undefined) {
    for (const other of places.roomLists) other.memberIds = other.memberIds.filter((id) => id !== user.id);
    if (list) places.addToRoomList(list, user.id);
  }
  return controlRoom(ctx, user);
}

function snapshot(ctx: EmulatorContext): ControlPlaces {
  const { directory, places } = ctx.state;
  return {
    roomLists: places.roomLists.map((list) => controlRoomList(ctx, list)),
    rooms: directory.users.filter((user) => user.mailbox === "room").map((user) => controlRoom(ctx, user)),
  };
}

export function placeControl(ctx: EmulatorContext, req: EmulatorRequest): { body: unknown } | undefined {
  const { method, path } = req;
  if (path === "/places" && method === "GET") return { body: snapshot(ctx) };
  if (path === "/places/room-lists" && method === "POST") return { body: addRoomList(ctx, req.json) };
  if (path === "/places/rooms" && method === "POST") return { body: addRoom(ctx, req.json) };
  const roomPath = /^\/places\/rooms\/([^/]+)$/.exec(path);
  if (!roomPath) return undefined;
  const user = findRoom(ctx, decodeURIComponent(roomPath[1] ?? ""));
  if (method === "PATCH") return { body: updateRoom(ctx, user, req.json) };
  if (method === "DELETE") {
    removeMailbox(ctx, user);
    return { body: { removed: address(user) } };
  }
  return undefined;
}
