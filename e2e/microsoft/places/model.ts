import { randomUUID } from "node:crypto";
import type { Directory, User } from "../directory";

/**
 * What the Places API knows of a tenant (https://learn.microsoft.com/graph/api/resources/place): rooms and room lists.
 * - A room is a room mailbox (a directory user with mailbox "room"): every room mailbox is a place, with its place
 *   properties (capacity, building, devices…) kept here by mailbox id, as Exchange keeps them on the mailbox
 *   (Set-Place). A room mailbox nobody described has the defaults Graph shows for one (capacity null, standard).
 * - A room list is a distribution group of rooms with its own address ("building"): not a mailbox, not a user.
 * - A room hidden from the address list (HiddenFromAddressListsEnabled) is never returned
 *   (https://learn.microsoft.com/graph/api/place-list: "Rooms that are marked Hidden from GAL can't be retrieved").
 * - `id` is not immutable (https://learn.microsoft.com/graph/api/resources/room#properties): the emulator issues a new
 *   one for every place at each start and reset, so a client that keeps ids instead of addresses is caught.
 */

export interface PhysicalAddress {
  street: string | null;
  city: string | null;
  state: string | null;
  countryOrRegion: string | null;
  postalCode: string | null;
}

export interface GeoCoordinates {
  latitude: number;
  longitude: number;
  altitude?: number | null;
}

export type BookingType = "standard" | "reserved";

/** A room's place properties (https://learn.microsoft.com/graph/api/resources/room). */
export interface RoomDetails {
  nickname: string | null;
  label: string | null;
  phone: string | null;
  capacity: number | null;
  building: string | null;
  floorNumber: number | null;
  floorLabel: string | null;
  isWheelChairAccessible: boolean;
  /** reserved: first come, first served; it cannot be booked. */
  bookingType: BookingType;
  tags: string[];
  audioDeviceName: string | null;
  videoDeviceName: string | null;
  displayDeviceName: string | null;
  address: PhysicalAddress | null;
  geoCoordinates: GeoCoordinates | null;
  hiddenFromAddressLists: boolean;
}

export interface RoomPlace extends RoomDetails {
  id: string;
  mailboxId: string;
}

export interface RoomList {
  id: string;
  tenantId: string;
  /** As created: Exchange keeps an address's case (clients compare addresses case-insensitively). */
  emailAddress: string;
  displayName: string;
  address: PhysicalAddress | null;
  geoCoordinates: GeoCoordinates | null;
  phone: string | null;
  /** Room mailboxes (user ids) in the list, in the order they were added. */
  memberIds: string[];
}

/** A room and the mailbox it is, as the routes serve it. */
export interface Room {
  place: RoomPlace;
  user: User;
}

/** The Places service's ids look like upper-case GUIDs ("3162F1E1-C4C0-604B-51D8-91DA78989EB1"). */
export const newPlaceId = () => randomUUID().toUpperCase();

export function defaultRoomDetails(user: User): RoomDetails {
  return {
    nickname: user.displayName,
    label: null,
    phone: "",
    capacity: null,
    building: null,
    floorNumber: null,
    floorLabel: null,
    isWheelChairAccessible: false,
    bookingType: "standard",
    tags: [],
    audioDeviceName: null,
    videoDeviceName: null,
    displayDeviceName: null,
    address: null,
    geoCoordinates: null,
    hiddenFromAddressLists: false,
  };
}

/** Graph documents no order; the emulator's is by name, then address, so $skip pages never overlap. */
const byName = <T>(name: (item: T) => string, address: (item: T) => string) => (a: T, b: T) =>
  name(a).localeCompare(name(b), "en") || address(a).localeCompare(address(b), "en");

export class PlaceStore {
  private readonly rooms = new Map<string, RoomPlace>();
  readonly roomLists: RoomList[] = [];

  /** The room's place, created with the defaults the first time a room mailbox is seen. */
  placeOf(user: User): RoomPlace {
    const existing = this.rooms.get(user.id);
    if (existing) return existing;
    const place = { ...defaultRoomDetails(user), id: newPlaceId(), mailboxId: user.id };
    this.rooms.set(user.id, place);
    return place;
  }

  describeRoom(user: User, details: Partial<RoomDetails> & { id?: string }): RoomPlace {
    return Object.assign(this.placeOf(user), details);
  }

  forgetRoom(userId: string): void {
    this.rooms.delete(userId);
    for (const list of this.roomLists) list.memberIds = list.memberIds.filter((id) => id !== userId);
  }

  addRoomList(list: Omit<RoomList, "id" | "memberIds">): RoomList {
    const created: RoomList = { ...list, id: newPlaceId(), memberIds: [] };
    this.roomLists.push(created);
    return created;
  }

  /** A room list of the tenant by its address, case-insensitively. Not by id: Graph addresses room lists by email. */
  roomListByAddress(tenantId: string, address: string): RoomList | undefined {
    const wanted = address.toLowerCase();
    return this.roomLists.find((list) => list.tenantId === tenantId && list.emailAddress.toLowerCase() === wanted);
  }

  addToRoomList(list: RoomList, userId: string): void {
    if (!list.memberIds.includes(userId)) list.memberIds.push(userId);
  }

  /** Every room of the tenant the address list shows, by name. */
  visibleRooms(directory: Directory, tenantId: string): Room[] {
    return directory.users
      .filter((user) => user.tenantId === tenantId && user.mailbox === "room")
      .map((user) => ({ user, place: this.placeOf(user) }))
      .filter((room) => !room.place.hiddenFromAddressLists)
      .sort(byName((room) => room.user.displayName, (room) => room.user.userPrincipalName));
  }

  visibleRoomsOf(directory: Directory, list: RoomList): Room[] {
    const members = new Set(list.memberIds);
    return this.visibleRooms(directory, list.tenantId).filter((room) => members.has(room.user.id));
  }

  roomListsOf(tenantId: string): RoomList[] {
    return this.roomLists.filter((list) => list.tenantId === tenantId).sort(byName((list) => list.displayName, (list) => list.emailAddress.toLowerCase()));
  }
}
