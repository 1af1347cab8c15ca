import { describe, expect, it } from "vitest";
import { toDirectoryRoom, toDirectoryRoomList } from "./places-schemas";

describe("Graph's rooms as the hub lists them", () => {
  it("keys by lower-case address and reads the floor from its label, else its number", () => {
    expect(toDirectoryRoom({ emailAddress: "Rainier@Contoso.example", displayName: "Conf Room Rainier", floorNumber: 2, floorLabel: null })).toMatchObject({
      address: "rainier@contoso.example",
      name: "Conf Room Rainier",
      floor: "2",
    });
    expect(toDirectoryRoom({ emailAddress: "a@x.example", floorNumber: 0, floorLabel: "G" })?.floor).toBe("G");
  });

  it("takes Graph's nulls, blanks and older shapes without refusing the room", () => {
    // Learn's older example had capacity as a string; phone and devices often come back as "".
    expect(toDirectoryRoom({ emailAddress: "b@x.example", nickname: "B", capacity: "50", audioDeviceName: "", bookingType: null })).toEqual({
      address: "b@x.example",
      name: "B",
      capacity: 50,
      building: null,
      floor: null,
      wheelchairAccessible: false,
      audioDevice: null,
      videoDevice: null,
      displayDevice: null,
      bookingType: "standard",
    });
    // A booking type Microsoft adds later is reported as unknown, not read as bookable.
    expect(toDirectoryRoom({ emailAddress: "c@x.example", bookingType: "hotDesk" })?.bookingType).toBe("unknown");
  });

  it("leaves out an entry it could not key or book: no address, or not a room at all", () => {
    expect(toDirectoryRoom({ displayName: "No address" })).toBeNull();
    expect(toDirectoryRoom("not an object")).toBeNull();
    expect(toDirectoryRoomList({ emailAddress: "Bldg1@X.example", displayName: "Building 1", address: null })).toEqual({ address: "bldg1@x.example", name: "Building 1", location: null });
  });
});
