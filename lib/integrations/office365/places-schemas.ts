import { z } from "zod";

/**
 * Microsoft Graph's room and roomList resources as the hub reads them, and the hub's own shapes for them
 * (https://learn.microsoft.com/graph/api/resources/room, https://learn.microsoft.com/graph/api/resources/roomlist).
 * A room is keyed by its email address, lower case: its `id` "isn't immutable and can change if there are changes to
 * the mailbox or the tenant configuration", and the address is what bookings and application access use anyway.
 */

export type BookingType = "standard" | "reserved" | "unknown";

/** A room in the tenant's directory. */
export type DirectoryRoom = {
  /** The room mailbox's address, lower case: the key. */
  address: string;
  name: string;
  capacity: number | null;
  building: string | null;
  /** Its floorLabel ("G", "First floor"), else its floorNumber. */
  floor: string | null;
  wheelchairAccessible: boolean;
  audioDevice: string | null;
  videoDevice: string | null;
  displayDevice: string | null;
  /** reserved: first come, first served — Exchange does not take bookings for it. unknown: Microsoft did not say. */
  bookingType: BookingType;
  /** The room list (building) it was listed from, by address in lower case; absent when all rooms were listed. */
  roomList?: string;
};

/** A room list: what Exchange calls a building. */
export type DirectoryRoomList = {
  /** Its address, lower case: rooms in a room list are asked for by this, never by id. */
  address: string;
  name: string;
  /** Its street address on one line, when Exchange has one. */
  location: string | null;
};

/** What the hub asks Graph for ($select): only what it shows. */
export const ROOM_SELECT = [
  "emailAddress",
  "displayName",
  "nickname",
  "capacity",
  "building",
  "floorNumber",
  "floorLabel",
  "isWheelChairAccessible",
  "bookingType",
  "audioDeviceName",
  "videoDeviceName",
  "displayDeviceName",
];
export const ROOM_LIST_SELECT = ["emailAddress", "displayName", "address"];

/** Blank text is no text: Graph sends "" for an unset phone or device as often as null. */
const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() || null);

/** Int32 at Graph; an older Learn example showed "capacity": "50", so digits in a string are read too. */
const integer = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)])
  .nullish()
  .transform((value) => value ?? null);

const graphRoom = z.object({
  emailAddress: text,
  displayName: text,
  nickname: text,
  capacity: integer,
  building: text,
  floorNumber: integer,
  floorLabel: text,
  isWheelChairAccessible: z.boolean().nullish(),
  // Documented: standard, reserved (and unknown). A value Microsoft adds later is read as unknown, not refused.
  bookingType: z.enum(["standard", "reserved", "unknown"]).nullish().catch("unknown"),
  audioDeviceName: text,
  videoDeviceName: text,
  displayDeviceName: text,
});

const physicalAddress = z
  .object({ street: text, city: text, state: text, postalCode: text, countryOrRegion: text })
  .nullish()
  .transform((address) => {
    const parts = [address?.street, address?.city, address?.state, address?.postalCode].filter(Boolean);
    return parts.length > 0 ? parts.join(", ") : null;
  });

const graphRoomList = z.object({ emailAddress: text, displayName: text, address: physicalAddress });

/** One page of a Graph collection; its items are read one by one. */
export const graphPageSchema = z.object({ value: z.array(z.unknown()), "@odata.nextLink": z.string().optional() });

/**
 * A room as the hub lists it, or null for an entry that is not a bookable room: one without an email address (it
 * could be neither keyed nor booked), or not in the documented shape.
 */
export function toDirectoryRoom(item: unknown, roomList?: string): DirectoryRoom | null {
  const parsed = graphRoom.safeParse(item);
  if (!parsed.success || !parsed.data.emailAddress) return null;
  const room = parsed.data;
  const address = parsed.data.emailAddress.toLowerCase();
  return {
    address,
    name: room.displayName ?? room.nickname ?? address,
    capacity: room.capacity,
    building: room.building,
    floor: room.floorLabel ?? (room.floorNumber === null ? null : String(room.floorNumber)),
    wheelchairAccessible: room.isWheelChairAccessible ?? false,
    audioDevice: room.audioDeviceName,
    videoDevice: room.videoDeviceName,
    displayDevice: room.displayDeviceName,
    // A room Microsoft says nothing about is bookable: standard "is the default".
    bookingType: room.bookingType ?? "standard",
    ...(roomList ? { roomList } : {}),
  };
}

export function toDirectoryRoomList(item: unknown): DirectoryRoomList | null {
  const parsed = graphRoomList.safeParse(item);
  if (!parsed.success || !parsed.data.emailAddress) return null;
  const address = parsed.data.emailAddress.toLowerCase();
  return { address, name: parsed.data.displayName ?? address, location: parsed.data.address };
}
