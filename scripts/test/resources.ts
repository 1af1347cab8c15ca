import { db } from "../../lib/db";

/** Between resource unit tests (one database per file): no bookings, resources, application mailboxes or site settings left. */
export async function resetResourceData() {
  await db.booking.deleteMany();
  await db.bookingSeries.deleteMany();
  await db.resource.deleteMany();
  await db.applicationMailbox.deleteMany();
  await db.hubSettings.deleteMany();
}
