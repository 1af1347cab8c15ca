"use server";

import { DateTime } from "luxon";
import { revalidatePath } from "next/cache";
import { createBooking } from "@/app/actions/calendar";
import { dateInWords } from "@/lib/resources/day-view";
import { readSiteTimeZone } from "@/lib/site-settings";
import type { FieldErrors } from "@/lib/validation";

/**
 * The booking page's forms, as thin wrappers over the calendar server actions (the same checks, the same path as the
 * site's own code): a chosen start time and duration become start and end in the site's time zone.
 */
export type BookingField = "start" | "duration" | "subject" | "attendees" | "body" | "form";
export type BookingFormState = {
  status: "idle" | "booked" | "invalid" | "failed";
  errors: FieldErrors<BookingField>;
  booked?: { bookingId: string; subject: string; resource: string; when: string; webLink: string | null };
  values?: { start?: string; duration?: string; subject?: string; attendees?: string; body?: string };
};

/** The form field an action's error is about ("attendees.1" is the attendees box; a too-long booking, the duration). */
function fieldFor(path: string, code: string): BookingField {
  if (code === "rule_too_long") return "duration";
  const top = path.split(".")[0] ?? "";
  if (top === "start" || top === "end") return "start";
  if (top === "subject" || top === "attendees" || top === "body") return top;
  return "form";
}

export async function bookSlot(_previous: BookingFormState, formData: FormData): Promise<BookingFormState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const values = { start: text("start"), duration: text("duration"), subject: text("subject"), attendees: text("attendees"), body: text("body") };
  const timeZone = await readSiteTimeZone();
  const start = DateTime.fromISO(values.start, { setZone: true });
  const minutes = Number(values.duration);
  const attendees = values.attendees.split(/[\s,;]+/).filter(Boolean);
  // With no time chosen the action is still asked, with an empty time, so that every other field is checked too.
  const result = await createBooking({
    resourceId: text("resourceId"),
    subject: values.subject,
    start: values.start,
    end: start.isValid && Number.isInteger(minutes) && minutes > 0 ? start.plus({ minutes }).toISO()! : values.start,
    timeZone,
    attendees,
    body: values.body || undefined,
  });
  if (!result.ok) {
    const errors: FieldErrors<BookingField> = {};
    const messages = result.error.fields ?? { [result.error.field ?? "form"]: result.error.message };
    for (const [path, message] of Object.entries(messages)) errors[fieldFor(path, result.error.code)] ??= message;
    if (!values.start) errors.start = "Choose a start time";
    return { status: result.error.code === "invalid_input" ? "invalid" : "failed", errors, values };
  }
  revalidatePath("/bookings");
  const local = start.setZone(timeZone);
  return {
    status: "booked",
    errors: {},
    booked: {
      bookingId: result.data.bookingId,
      subject: values.subject,
      resource: text("resourceName"),
      when: `${dateInWords(local.toISODate()!)}, ${local.toFormat("HH:mm")} to ${local.plus({ minutes }).toFormat("HH:mm")}`,
      webLink: result.data.webLink,
    },
  };
}
