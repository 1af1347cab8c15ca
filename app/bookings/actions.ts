"use server";

import { DateTime } from "luxon";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { cancelBooking, createBooking } from "@/app/actions/calendar";
import { SLOT_MINUTES } from "@/lib/integrations/office365/calendar/week";
import { readSiteTimeZone } from "@/lib/site-settings";
import type { FieldErrors, MessageState } from "@/lib/validation";

/**
 * The booking page's forms, as thin wrappers over the calendar server actions (the same checks, the same path as the
 * site's own code): a chosen slot becomes start/end in the site's time zone.
 */
export type BookingFormState = {
  status: "idle" | "booked" | "invalid" | "failed";
  errors: FieldErrors<"slot" | "subject" | "attendee" | "location" | "form">;
  booked?: { subject: string; when: string; webLink: string | null };
  values?: { subject?: string; attendee?: string; location?: string };
};

const FIELD_FOR: Record<string, "slot" | "subject" | "attendee" | "location"> = {
  start: "slot",
  end: "slot",
  subject: "subject",
  attendees: "attendee",
  location: "location",
};

export async function bookSlot(_previous: BookingFormState, formData: FormData): Promise<BookingFormState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const values = { subject: text("subject"), attendee: text("attendee"), location: text("location") };
  // With no slot chosen the action is still asked, with an empty time, so that every other field is checked too.
  const slot = text("slot");
  const timeZone = await readSiteTimeZone();
  const start = DateTime.fromISO(slot, { setZone: true });
  const result = await createBooking({
    accountId: text("accountId"),
    mailbox: text("mailbox") || undefined,
    calendarId: text("calendarId"),
    subject: values.subject,
    start: slot,
    end: start.isValid ? start.plus({ minutes: SLOT_MINUTES }).toISO()! : slot,
    timeZone,
    attendees: values.attendee ? [values.attendee] : [],
    location: values.location || undefined,
  });
  if (!result.ok) {
    const reported = result.error.fields ?? { [result.error.field ?? ""]: result.error.message };
    const errors: BookingFormState["errors"] = {};
    for (const [path, message] of Object.entries(reported)) {
      const field = FIELD_FOR[path.split(".")[0]!] ?? "form";
      errors[field] ??= field === "slot" && !slot ? "Choose a free slot" : message;
    }
    if (Object.keys(errors).length === 0) errors.form = result.error.message;
    return { status: result.error.code === "invalid_input" ? "invalid" : "failed", errors, values };
  }
  revalidatePath("/bookings");
  return {
    status: "booked",
    errors: {},
    booked: { subject: values.subject, when: start.setZone(timeZone).toFormat("cccc d MMMM yyyy, HH:mm"), webLink: result.data.webLink },
  };
}

export async function cancelBookingFromPage(_previous: MessageState, formData: FormData): Promise<MessageState> {
  const result = await cancelBooking({ bookingId: String(formData.get("bookingId") ?? "") });
  if (!result.ok) return { status: "failed", message: result.error.message };
  revalidatePath("/bookings");
  redirect("/bookings?cancelled=1");
}
