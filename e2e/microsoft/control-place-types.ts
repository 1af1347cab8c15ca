import { z } from "zod";
import type { BookingType, GeoCoordinates, PhysicalAddress } from "./places/model";

/** The control API's room directory request bodies (validated by control-places.ts) and responses. */

const text = z.string().trim().nullable().optional();
const email = z.string().trim().email();

const physicalAddressSchema = z
  .strictObject({ street: text, city: text, state: text, countryOrRegion: text, postalCode: text })
  .transform(
    (address): PhysicalAddress => ({
      street: address.street ?? null,
      city: address.city ?? null,
      state: address.state ?? null,
      countryOrRegion: address.countryOrRegion ?? null,
      postalCode: address.postalCode ?? null,
    }),
  );

const geoCoordinatesSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  altitude: z.number().nullable().optional(),
});

/** A room's place properties, as Set-Place sets them; every one optional (omitted: unchanged, or Graph's default). */
const roomDetailsShape = {
  nickname: text,
  label: text,
  phone: text,
  capacity: z.number().int().min(0).nullable().optional(),
  building: text,
  floorNumber: z.number().int().nullable().optional(),
  floorLabel: text,
  isWheelChairAccessible: z.boolean().optional(),
  /** reserved: first come, first served, it cannot be booked. */
  bookingType: z.enum(["standard", "reserved"]).optional(),
  tags: z.array(z.string()).optional(),
  audioDeviceName: text,
  videoDeviceName: text,
  displayDeviceName: text,
  address: physicalAddressSchema.nullable().optional(),
  geoCoordinates: geoCoordinatesSchema.nullable().optional(),
  /** Hidden from the address list (Set-Mailbox -HiddenFromAddressListsEnabled): the Places API never returns it. */
  hiddenFromAddressLists: z.boolean().optional(),
};

/** A room list (a building) in the tenant of its address's domain. */
export const newRoomListSchema = z.strictObject({
  email,
  displayName: z.string().trim().min(1),
  address: physicalAddressSchema.nullable().optional(),
  geoCoordinates: geoCoordinatesSchema.nullable().optional(),
  phone: text,
});
export type NewRoomList = z.input<typeof newRoomListSchema>;

/** A room: a new room mailbox (with its default calendar), its place properties, and optionally its room list. */
export const newRoomSchema = z.strictObject({
  email,
  displayName: z.string().trim().min(1),
  /** The room list's address; the list must exist in the same tenant. */
  roomList: email.optional(),
  ...roomDetailsShape,
});
export type NewRoom = z.input<typeof newRoomSchema>;

/** Changes to any room mailbox's place properties (seeded, added here or through POST /mailboxes). */
export const roomUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).optional(),
  /** Moves the room into this room list (out of any other); null: into none. */
  roomList: email.nullable().optional(),
  ...roomDetailsShape,
});
export type RoomUpdate = z.input<typeof roomUpdateSchema>;

export interface ControlRoomList {
  /** Its place id now (not immutable). */
  id: string;
  email: string;
  displayName: string;
  tenantId: string;
  /** Its rooms' addresses, hidden ones included. */
  rooms: string[];
}

export interface ControlRoom {
  /** The room mailbox's directory object id. */
  mailboxId: string;
  /** Its place id now (not immutable). */
  placeId: string;
  email: string;
  displayName: string;
  tenantId: string;
  /** The default calendar's id. */
  calendarId: string;
  /** The room lists it is in, by address. */
  roomLists: string[];
  capacity: number | null;
  building: string | null;
  floorNumber: number | null;
  floorLabel: string | null;
  isWheelChairAccessible: boolean;
  bookingType: BookingType;
  tags: string[];
  nickname: string | null;
  label: string | null;
  phone: string | null;
  audioDeviceName: string | null;
  videoDeviceName: string | null;
  displayDeviceName: string | null;
  address: PhysicalAddress | null;
  geoCoordinates: GeoCoordinates | null;
  hiddenFromAddressLists: boolean;
}

/** GET /_emulator/places: everything the room directory holds, hidden rooms included. */
export interface ControlPlaces {
  roomLists: ControlRoomList[];
  rooms: ControlRoom[];
}
