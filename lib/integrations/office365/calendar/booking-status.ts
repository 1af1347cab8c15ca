import { RoomResponse, type BookingStatus } from "../../../db/enums";

/** A booking's life: recorded, sent to Microsoft, confirmed, changed or cancelled (booking-writes.ts). */
export type { BookingStatus, RoomResponse };

/** Statuses that hold their time: the double-booking guard counts them. */
export const ACTIVE: BookingStatus[] = ["pending", "confirmed", "updating", "cancelling"];

/** How a room answered an invitation ("none": not yet). */
export const ROOM_RESPONSES: RoomResponse[] = Object.values(RoomResponse);

/**
 * Hub bookings that hold their time in the calendar they were made for: active, and not declined by the room they
 * invited (a declined invitation leaves the room's time free). As a database filter; `roomResponse` is null for
 * bookings written directly, and SQL's `<>` leaves nulls out, so they are named.
 */
export const HOLDS_TIME = {
  status: { in: ACTIVE },
  OR: [{ roomResponse: null }, { roomResponse: { not: RoomResponse.declined } }],
};
