import "server-only";
import { z } from "zod";
import type { AuditActor } from "../audit";
import { KeyedLimiter } from "../concurrency";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { describeError, HubError, type ErrorCode } from "../errors";
import { log } from "../log";
import { mailboxSchema } from "../integrations/office365/calendar/schemas";
import { checkApplicationMailbox, insertApplicationMailbox } from "../integrations/office365/mailboxes";
import { directoryAccess, listRoomLists, listRooms, type DirectoryRoom, type DirectoryRoomList } from "../integrations/office365/places";
import { insertResource, readChosenCalendar, type ResourceCalendar } from "./resources";
import { resourceDetailsSchema, type ResourceDetails } from "./schemas";

/**
 * Rooms from the tenant's directory (Graph's Places API) as resources: what the admin page lists, and adding the
 * ticked rooms in one step. Each room added becomes a mailbox with application access (if it is not one yet) and a
 * resource of kind Room with the directory's details and the default rules, both saved in one transaction after the
 * app has read the room's calendar: a room is added whole or not at all, and every room gets its own answer.
 */
export const MAX_ROOMS_PER_ADDITION = 100;
/** Graph requests in flight at once for one page or one addition (different mailboxes, one app). */
const PARALLEL_REQUESTS = 4;

export type ListedRoom = DirectoryRoom & {
  /** The resource this room already is (by its directory address, or as the owner of a resource's calendar). */
  resource: { id: string; name: string } | null;
};

export type RoomDirectory =
  | { readable: false; reason: HubError }
  | {
      readable: true;
      access: "application" | "delegated";
      via: string;
      buildings: { roomList: DirectoryRoomList; rooms: ListedRoom[]; truncated: boolean }[];
      /** Rooms in no room list. */
      otherRooms: ListedRoom[];
      /** Microsoft had more room lists or rooms than the hub reads at once (places.ts MAX_ROOMS). */
      truncated: boolean;
    };

async function resourcesByAddress(addresses?: string[]): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db.resource.findMany({
    where: addresses ? { OR: [{ directoryAddress: { in: addresses } }, { calendarOwner: { in: addresses } }] } : {},
    select: { id: true, name: true, directoryAddress: true, calendarOwner: true },
    orderBy: { createdAt: "asc" },
  });
  const found = new Map<string, { id: string; name: string }>();
  for (const row of rows) {
    for (const address of [row.directoryAddress, row.calendarOwner]) {
      if (address && !found.has(address.toLowerCase())) found.set(address.toLowerCase(), { id: row.id, name: row.name });
    }
  }
  return found;
}

/**
 * The directory as the "Add rooms from the directory" page shows it: each room list (building) with its rooms, then
 * the rooms in no list, each marked when it is already a resource. Or why the directory cannot be read.
 */
export async function readRoomDirectory(): Promise<RoomDirectory> {
  const access = await directoryAccess();
  if (!access.readable) return access;
  const limiter = new KeyedLimiter(PARALLEL_REQUESTS);
  const [lists, everyRoom, resources] = await Promise.all([
    listRoomLists(access.identity),
    limiter.run("places", () => listRooms(access.identity)),
    resourcesByAddress(),
  ]);
  const buildings = await Promise.all(
    lists.roomLists.map(async (roomList) => {
      const { rooms, truncated } = await limiter.run("places", () => listRooms(access.identity, { roomList: roomList.address }));
      return { roomList, rooms, truncated };
    }),
  );
  const mark = (room: DirectoryRoom): ListedRoom => ({ ...room, resource: resources.get(room.address) ?? null });
  const inAList = new Set(buildings.flatMap((building) => building.rooms.map((room) => room.address)));
  return {
    readable: true,
    access: access.access,
    via: access.via,
    buildings: buildings.map((building) => ({ ...building, rooms: building.rooms.map(mark) })),
    otherRooms: everyRoom.rooms.filter((room) => !inAList.has(room.address)).map(mark),
    truncated: lists.truncated || everyRoom.truncated || buildings.some((building) => building.truncated),
  };
}

const cut = (text: string | null, max: number) => (text && text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A directory room's details as a resource's, within the details schema's limits (Graph's capacity may be 0). */
export function detailsFromDirectory(room: DirectoryRoom): ResourceDetails {
  const devices = [room.audioDevice, room.videoDevice, room.displayDevice].filter((device): device is string => Boolean(device));
  return resourceDetailsSchema.parse({
    name: cut(room.name, 100),
    kind: "room",
    description: undefined,
    capacity: room.capacity !== null && room.capacity >= 1 && room.capacity <= 10_000 ? room.capacity : null,
    building: cut(room.building, 100) ?? undefined,
    floor: cut(room.floor, 50) ?? undefined,
    wheelchairAccessible: room.wheelchairAccessible,
    equipmentNotes: devices.length > 0 ? cut(devices.join(", "), 500) : undefined,
    whoCanBook: "staff",
    showOnBookingPage: true,
  });
}

export type AddedRoom = { address: string; name: string; resourceId: string; mailboxAdded: boolean };
export type RefusedRoom = { address: string; name: string | null; code: ErrorCode; message: string };
export type DirectoryAddition = { added: AddedRoom[]; refused: RefusedRoom[] };

const addressesSchema = z
  .array(mailboxSchema, { error: "Select the rooms to add" })
  .min(1, "Select at least one room to add")
  .max(MAX_ROOMS_PER_ADDITION, `Select at most ${MAX_ROOMS_PER_ADDITION} rooms at a time`);

type Prepared = { room: DirectoryRoom; details: ResourceDetails; calendar: Omit<ResourceCalendar, "mailboxId">; mailbox: { id: string } | { checked: Awaited<ReturnType<typeof checkApplicationMailbox>> } };

/**
 * Adds the rooms with these addresses from the directory. The directory is read again here: only the addresses come
 * from the form, never a room's capacity or name. Each room is refused on its own (not in the directory, not
 * bookable, already a resource, its calendar not readable with the app's permissions) without stopping the others.
 * Throws only when nothing can be added at all: invalid input, or the directory cannot be read.
 */
export async function addRoomsFromDirectory(actor: AuditActor, rawAddresses: unknown): Promise<DirectoryAddition> {
  const parsed = addressesSchema.safeParse(rawAddresses);
  if (!parsed.success) throw new HubError("invalid_input", { message: parsed.error.issues[0]?.message ?? "Select the rooms to add" }, { field: "rooms" });
  const addresses = [...new Set(parsed.data)];

  const access = await directoryAccess();
  if (!access.readable) throw access.reason;
  const [directory, resources, mailboxes] = await Promise.all([
    listRooms(access.identity),
    resourcesByAddress(addresses),
    db.applicationMailbox.findMany({ where: { address: { in: addresses } } }),
  ]);
  const rooms = new Map(directory.rooms.map((room) => [room.address, room]));
  const mailboxIds = new Map(mailboxes.map((mailbox) => [mailbox.address, mailbox.id]));

  const limiter = new KeyedLimiter(PARALLEL_REQUESTS);
  const outcomes = await Promise.all(
    addresses.map((address) =>
      limiter.run("rooms", async (): Promise<Prepared | RefusedRoom> => {
        const room = rooms.get(address);
        try {
          if (!room) throw new HubError("directory_room_not_listed", { address });
          if (room.bookingType !== "standard") throw new HubError("directory_room_not_bookable", { name: room.name, bookingType: room.bookingType });
          const resource = resources.get(address);
          if (resource) throw new HubError("already_a_resource", { room: room.name, name: resource.name });
          const details = detailsFromDirectory(room);
          const mailboxId = mailboxIds.get(address);
          if (mailboxId) {
            // Already reached with application access: its calendar is read the way the resource will read it.
            const calendar = await readChosenCalendar({ how: "application", mailboxId });
            return { room, details, calendar, mailbox: { id: mailboxId } };
          }
          const checked = await checkApplicationMailbox(address);
          const calendar = { how: "application" as const, address, calendarId: checked.calendar.id, calendarName: checked.calendar.name, isDefaultCalendar: true, accountId: null, sharedMailbox: null };
          return { room, details, calendar, mailbox: { checked } };
        } catch (error) {
          return refusal(address, room?.name ?? null, error);
        }
      }),
    ),
  );

  const added: AddedRoom[] = [];
  const refused: RefusedRoom[] = [];
  // One transaction per room, one after another: SQLite has one writer, and a room's failure must not undo another's.
  for (const [index, outcome] of outcomes.entries()) {
    if ("code" in outcome) {
      refused.push(outcome);
      continue;
    }
    try {
      const resource = await db.$transaction(async (tx) => {
        const mailboxId = "id" in outcome.mailbox ? outcome.mailbox.id : (await insertApplicationMailbox(tx, actor, outcome.mailbox.checked)).id;
        return insertResource(tx, actor, { details: outcome.details, calendar: { ...outcome.calendar, mailboxId }, directoryAddress: outcome.room.address });
      });
      added.push({ address: outcome.room.address, name: resource.name, resourceId: resource.id, mailboxAdded: !("id" in outcome.mailbox) });
    } catch (error) {
      refused.push(refusal(addresses[index]!, outcome.room.name, error));
    }
  }
  return { added, refused };
}

function refusal(address: string, name: string | null, error: unknown): RefusedRoom {
  if (error instanceof HubError) return { address, name, code: error.code, message: error.message };
  // Another admin added the same mailbox or calendar a moment ago.
  if (isUniqueViolation(error)) return { address, name, code: "mailbox_exists", message: describeError("mailbox_exists", { address }) };
  log.error("resources.directory_room_failed", { address, error });
  return { address, name, code: "internal_error", message: describeError("internal_error", undefined) };
}
