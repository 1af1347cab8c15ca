/** A booking's life: recorded, sent to Microsoft, confirmed, changed or cancelled (booking-writes.ts). */
export type BookingStatus = "pending" | "confirmed" | "updating" | "cancelling" | "failed" | "cancelled";

/** Statuses that hold their time: the double-booking guard counts them. */
export const ACTIVE: BookingStatus[] = ["pending", "confirmed", "updating", "cancelling"];
