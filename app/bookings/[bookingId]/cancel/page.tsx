import type { Metadata } from "next";
import { DateTime } from "luxon";
import { notFound, redirect } from "next/navigation";
import { cancelBookingFromPage } from "@/app/bookings/actions";
import { ConfirmForm } from "@/components/ui/ConfirmForm";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { mayChange } from "@/lib/integrations/office365/calendar/bookings";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Cancel booking" };

export default async function CancelBookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ bookingId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("staff");
  const [{ bookingId }, query] = await Promise.all([params, searchParams]);
  // Where the booking page was (a resource and a day): only those two, checked, are carried back.
  const resource = typeof query.resource === "string" && /^[a-z0-9]{20,40}$/.test(query.resource) ? query.resource : null;
  const date = typeof query.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(query.date) ? query.date : null;
  const back = resource && date ? `?${new URLSearchParams({ resource, date })}` : "";
  const booking = /^[a-z0-9]{10,40}$/.test(bookingId) ? await db.booking.findUnique({ where: { id: bookingId } }) : null;
  if (!booking || !["pending", "confirmed"].includes(booking.status)) notFound();
  // Someone else's booking: staff may cancel only their own (the action checks this again).
  if (!mayChange(user, booking)) redirect("/access-denied");
  const timeZone = await readSiteTimeZone();
  const start = DateTime.fromJSDate(booking.start).setZone(timeZone);
  return (
    <>
      <Breadcrumbs trail={[{ href: "/bookings", label: "Bookings" }, { label: "Cancel booking" }]} />
      <h1>Are you sure you want to cancel this booking?</h1>
      <p className="mb-2 text-2xl font-bold">{booking.subject}</p>
      <p className="mb-8">
        {start.toFormat("cccc d MMMM yyyy, HH:mm")} to {DateTime.fromJSDate(booking.end).setZone(timeZone).toFormat("HH:mm")}. The event is deleted from
        the calendar in Microsoft 365.
      </p>
      <ConfirmForm
        action={cancelBookingFromPage}
        fields={{ bookingId: booking.id, back }}
        confirmLabel="Cancel booking"
        pendingText="Cancelling with Microsoft…"
        backLabel="Keep booking"
        backHref={`/bookings${back}`}
      />
    </>
  );
}
