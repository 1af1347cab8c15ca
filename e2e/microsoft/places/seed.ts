import { TENANTS, USERS, type Directory, type User } from "../directory";
import { PlaceStore, type PhysicalAddress, type RoomDetails } from "./model";

/**
 * The seeded room directory, identical at start and after POST /_emulator/reset (place ids excepted: they are not
 * immutable at Microsoft and change here at every seed). Example Council has two buildings (room lists) and a depot
 * room in no list; Partner Org has one building, so tenants can be told apart. Every room is a room mailbox with a
 * default calendar (calendars/seed.ts gives every mailbox one); the council chamber is the seeded USERS.room.
 * Tests import these constants instead of repeating addresses and capacities.
 */

type TenantKey = keyof typeof TENANTS;

interface SeedRoomList {
  email: string;
  displayName: string;
  tenant: TenantKey;
  address: PhysicalAddress;
}

const TOWN_HALL_ADDRESS: PhysicalAddress = {
  street: "1 High Street",
  city: "Exampleton",
  state: null,
  countryOrRegion: "United Kingdom",
  postalCode: "EX1 1AA",
};
const CIVIC_CENTRE_ADDRESS: PhysicalAddress = {
  street: "Civic Way",
  city: "Exampleton",
  state: null,
  countryOrRegion: "United Kingdom",
  postalCode: "EX1 2CC",
};

export const ROOM_LISTS = {
  // Exchange keeps an address as it was typed: clients must compare addresses case-insensitively.
  townHall: { email: "Town.Hall@council.example", displayName: "Town Hall", tenant: "council", address: TOWN_HALL_ADDRESS },
  civicCentre: { email: "civic.centre@council.example", displayName: "Civic Centre", tenant: "council", address: CIVIC_CENTRE_ADDRESS },
  partnerHq: {
    email: "hq.rooms@partner.example",
    displayName: "Partner HQ",
    tenant: "partner",
    address: { street: "2 Market Square", city: "Elsewhere", state: null, countryOrRegion: "United Kingdom", postalCode: "EL2 2BB" },
  },
} as const satisfies Record<string, SeedRoomList>;

interface SeedRoom {
  /** The room mailbox's directory object id (stable, unlike its place id). */
  id: string;
  /** Its primary SMTP address (`mail`), as created; the user principal name is the same in lower case. */
  email: string;
  displayName: string;
  tenant: TenantKey;
  roomList: keyof typeof ROOM_LISTS | null;
  details: Partial<RoomDetails>;
}

export const ROOMS = {
  councilChamber: {
    id: USERS.room.id,
    email: USERS.room.email,
    displayName: USERS.room.displayName,
    tenant: "council",
    roomList: "townHall",
    details: {
      capacity: 60,
      building: "Town Hall",
      floorNumber: 1,
      floorLabel: "First floor",
      isWheelChairAccessible: true,
      audioDeviceName: "Chamber PA",
      displayDeviceName: "Projector",
      tags: ["public gallery"],
      address: TOWN_HALL_ADDRESS,
    },
  },
  committeeRoom: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d001",
    email: "room.committee-1@council.example",
    displayName: "Committee Room 1",
    tenant: "council",
    roomList: "townHall",
    details: {
      capacity: 12,
      building: "Town Hall",
      floorNumber: 1,
      floorLabel: "First floor",
      isWheelChairAccessible: true,
      audioDeviceName: "Ceiling microphones",
      videoDeviceName: "Teams Room camera",
      displayDeviceName: "75-inch screen",
      address: TOWN_HALL_ADDRESS,
    },
  },
  mayorsParlour: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d002",
    email: "room.mayors-parlour@council.example",
    displayName: "Mayor's Parlour",
    tenant: "council",
    roomList: "townHall",
    // First come, first served: listed, but it cannot be booked.
    details: { capacity: 8, building: "Town Hall", floorNumber: 1, floorLabel: "First floor", bookingType: "reserved", address: TOWN_HALL_ADDRESS },
  },
  interviewRoom: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d003",
    email: "room.interview-1@council.example",
    displayName: "Interview Room 1",
    tenant: "council",
    roomList: "townHall",
    // Hidden from the address list: a member of Town Hall that the Places API never returns.
    details: { capacity: 4, building: "Town Hall", floorNumber: 0, floorLabel: "Ground", isWheelChairAccessible: true, hiddenFromAddressLists: true },
  },
  meetingRoomA: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d004",
    email: "room.civic-a@council.example",
    displayName: "Meeting Room A",
    tenant: "council",
    roomList: "civicCentre",
    details: { capacity: 10, building: "Civic Centre", floorNumber: 2, isWheelChairAccessible: true, displayDeviceName: "Wall screen", address: CIVIC_CENTRE_ADDRESS },
  },
  meetingRoomB: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d005",
    email: "Room.Civic-B@council.example",
    displayName: "Meeting Room B",
    tenant: "council",
    roomList: "civicCentre",
    details: { capacity: 6, building: "Civic Centre", floorNumber: 2, address: CIVIC_CENTRE_ADDRESS },
  },
  trainingSuite: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d006",
    email: "room.training-suite@council.example",
    displayName: "Training Suite",
    tenant: "council",
    roomList: "civicCentre",
    details: {
      capacity: 20,
      building: "Civic Centre",
      floorNumber: 0,
      floorLabel: "G",
      isWheelChairAccessible: true,
      audioDeviceName: "Hearing loop",
      videoDeviceName: "Lecture capture",
      displayDeviceName: "Twin projectors",
      tags: ["movable tables"],
      address: CIVIC_CENTRE_ADDRESS,
    },
  },
  depotRoom: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d007",
    email: "room.depot@council.example",
    displayName: "Depot Meeting Room",
    tenant: "council",
    // In no room list: listed among all rooms only.
    roomList: null,
    details: { capacity: 6, building: "Depot" },
  },
  partnerBoardroom: {
    id: "d0d0d0d0-0000-4d00-8000-00000000d008",
    email: "room.boardroom@partner.example",
    displayName: "Boardroom",
    tenant: "partner",
    roomList: "partnerHq",
    details: { capacity: 14, building: "Partner HQ", floorNumber: 3, isWheelChairAccessible: true },
  },
} satisfies Record<string, SeedRoom>;

function roomMailbox(room: SeedRoom): User {
  return {
    id: room.id,
    tenantId: TENANTS[room.tenant].id,
    userPrincipalName: room.email.toLowerCase(),
    displayName: room.displayName,
    givenName: null,
    surname: null,
    mail: room.email,
    mailbox: "room",
    jobTitle: null,
  };
}

/** The room directory; adds the rooms' mailboxes to the directory (the council chamber's is already there). */
export function seedPlaces(directory: Directory): PlaceStore {
  const places = new PlaceStore();
  const lists = Object.fromEntries(
    Object.entries(ROOM_LISTS).map(([key, list]) => [
      key,
      places.addRoomList({
        tenantId: TENANTS[list.tenant].id,
        emailAddress: list.email,
        displayName: list.displayName,
        address: list.address,
        geoCoordinates: null,
        phone: null,
      }),
    ]),
  );
  for (const room of Object.values(ROOMS) satisfies SeedRoom[]) {
    const user = directory.users.find((candidate) => candidate.id === room.id) ?? roomMailbox(room);
    if (!directory.users.includes(user)) directory.users.push(user);
    // A copy: the constants above stay as seeded whatever a test changes afterwards.
    places.describeRoom(user, structuredClone(room.details));
    const list = room.roomList ? lists[room.roomList] : undefined;
    if (list) places.addToRoomList(list, user.id);
  }
  return places;
}
