"use server";

import { DateTime } from "luxon";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { cancelBooking, updateBooking } from "@/app/actions/calendar";
import { cancelScopeSchema } from "@/lib/integrations/office365/calendar/schemas";
import { listReturn, returnHref, returnToFrom } from "@/lib/resources/return-to";
import { readSiteTimeZone } from "@/lib/site-settings";
import type { FieldErrors } from "@/lib/validation";

/**
 * A booking's own pages (Cancel, Change time), as thin wrappers over the calendar server actions, which check the
 * caller (session, role, whose booking it is) and the input (their zod schemas) themselves, whoever calls. Done, they
 * go back where the user came from (lib/resources/return-to.ts: only the hub's own pages), saying what happened.
 */
const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};
const backOf = (formData: FormData) => returnToFrom({ from: text(formData, "from"), resource: text(formData, "resource"), date: text(formData, "date") });

function refreshBookingPages() {
  revalidatePath("/bookings");
  revalidatePath("/bookings/mine");
}

export type CancelField = "scope" | "form";
export type CancelFormState = { status: "idle" | "invalid" | "failed"; errors: FieldErrors<CancelField>; scope?: string };

/** Cancels the booking, or (a date of a series, `scope` "series") what is left of its series. */
export async function cancelBookingFromPage(_previous: CancelFormState, formData: FormData): Promise<CancelFormState> {
  // A date of a series asks which to cancel, and nothing is assumed when the question is left unanswered.
  const asked = formData.has("scopeAsked");
  const scope = cancelScopeSchema.safeParse(text(formData, "scope"));
  if (asked && !scope.success) return { status: "invalid", errors: { scope: scope.error.issues[0]!.message } };
  const result = await cancelBooking({ bookingId: text(formData, "bookingId"), scope: scope.data ?? "booking" });
  if (!result.ok) {
    const field: CancelField = result.error.field === "scope" ? "scope" : "form";
    return { status: result.error.code === "invalid_input" ? "invalid" : "failed", errors: { [field]: result.error.message }, scope: scope.data };
  }
  refreshBookingPages();
  const cancelled = result.data.status !== "cancelled" ? "waiting" : scope.data === "series" ? "series" : asked ? "date" : "booking";
  redirect(returnHref(backOf(formData), { cancelled }));
}

export type ChangeField = "start" | "duration" | "form";
export type ChangeFormState = { status: "idle" | "invalid" | "failed"; errors: FieldErrors<ChangeField>; values?: { start: string; duration: string } };

/** The form field an action's error is about (a too-long booking: the duration; a taken or closed time: the start). */
function fieldFor(path: string, code: string): ChangeField {
  if (code === "rule_too_long") return "duration";
  const top = path.split(".")[0] ?? "";
  return top === "start" || top === "end" ? "start" : "form";
}

/** Moves the booking to the chosen start time for the chosen duration (in the site's time zone), under its resource's rules. */
export async function changeBookingTime(_previous: ChangeFormState, formData: FormData): Promise<ChangeFormState> {
  const values = { start: text(formData, "start"), duration: text(formData, "duration") };
  const start = DateTime.fromISO(values.start, { setZone: true });
  const minutes = Number(values.duration);
  // With no time chosen the action is still asked, so that the caller and the booking are checked all the same.
  const result = await updateBooking({
    bookingId: text(formData, "bookingId"),
    start: values.start,
    end: start.isValid && Number.isInteger(minutes) && minutes > 0 ? start.plus({ minutes }).toISO()! : values.start,
    timeZone: await readSiteTimeZone(),
  });
  if (!result.ok) {
    const errors: FieldErrors<ChangeField> = {};
    if (!values.start) errors.start = "Choose a new start time";
    const messages = result.error.fields ?? { [result.error.field ?? "form"]: result.error.message };
    for (const [path, message] of Object.entries(messages)) errors[fieldFor(path, result.error.code)] ??= message;
    return { status: result.error.code === "invalid_input" ? "invalid" : "failed", errors, values };
  }
  refreshBookingPages();
  redirect(returnHref(listReturn(backOf(formData)), { changed: result.data.bookingId }));
}
