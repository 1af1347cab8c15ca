"use server";

import { DateTime } from "luxon";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { cancelBooking, updateBooking } from "@/app/actions/calendar";
import { returnHref, returnToFrom } from "@/lib/resources/return-to";
import { readSiteTimeZone } from "@/lib/site-settings";
import type { FieldErrors } from "@/lib/validation";

/**
 * A booking's own pages (Cancel, Change time), as thin wrappers over the calendar server actions: the same checks of
 * who may change it and of the resource's rules, whoever calls. Done, they go back where the user came from
 * (lib/resources/return-to.ts: only the hub's own pages), saying what happened.
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
export type CancelFormState = { status: "idle" | "failed"; errors: FieldErrors<CancelField>; scope?: string };

/** Cancels the booking, or (a date of a series, `scope` "series") what is left of its series. */
export async function cancelBookingFromPage(_previous: CancelFormState, formData: FormData): Promise<CancelFormState> {
  // A date of a series asks which to cancel, and nothing is assumed when the question was not answered.
  const asked = text(formData, "scopeAsked") === "1";
  const scope = text(formData, "scope");
  if (asked && scope !== "booking" && scope !== "series") {
    return { status: "failed", errors: { scope: "Choose whether to cancel only this date or the rest of the series" } };
  }
  const result = await cancelBooking({ bookingId: text(formData, "bookingId"), scope: scope === "series" ? "series" : "booking" });
  if (!result.ok) return { status: "failed", errors: { [result.error.field === "scope" ? "scope" : "form"]: result.error.message }, scope };
  refreshBookingPages();
  const done = result.data.status === "cancelled";
  redirect(returnHref(backOf(formData), { cancelled: !done ? "waiting" : scope === "series" ? "series" : asked ? "date" : "booking" }));
}

export type ChangeField = "start" | "duration" | "form";
export type ChangeFormState = { status: "idle" | "invalid" | "failed"; errors: FieldErrors<ChangeField>; values?: { start: string; duration: string } };

/** The form field an action's error is about (a too-long booking: the duration; a taken or closed time: the start). */
function fieldFor(path: string, code: string): ChangeField {
  if (code === "rule_too_long") return "duration";
  const top = path.split(".")[0] ?? "";
  return top === "start" || top === "end" ? "start" : "form";
}

/** Moves the booking to the chosen start time and duration (in the site's time zone), under its resource's rules. */
export async function changeBookingTime(_previous: ChangeFormState, formData: FormData): Promise<ChangeFormState> {
  const values = { start: text(formData, "start"), duration: text(formData, "duration") };
  const start = DateTime.fromISO(values.start, { setZone: true });
  const minutes = Number(values.duration);
  const errors: FieldErrors<ChangeField> = {};
  if (!values.start) errors.start = "Choose a start time";
  else if (!start.isValid) errors.start = "Choose one of the start times shown";
  if (!Number.isInteger(minutes) || minutes <= 0) errors.duration = "Choose a duration";
  if (!errors.start && !errors.duration) {
    const current = { start: DateTime.fromISO(text(formData, "currentStart")), end: DateTime.fromISO(text(formData, "currentEnd")) };
    const end = start.plus({ minutes });
    if (current.start.isValid && current.end.isValid && +current.start === +start && +current.end === +end) {
      errors.start = "That is the booking's time now: choose another start time or duration";
    }
  }
  if (errors.start || errors.duration) return { status: "invalid", errors, values };

  const bookingId = text(formData, "bookingId");
  const result = await updateBooking({ bookingId, start: start.toISO()!, end: start.plus({ minutes }).toISO()!, timeZone: await readSiteTimeZone() });
  if (!result.ok) {
    const messages = result.error.fields ?? { [result.error.field ?? "form"]: result.error.message };
    for (const [path, message] of Object.entries(messages)) errors[fieldFor(path, result.error.code)] ??= message;
    return { status: result.error.code === "invalid_input" ? "invalid" : "failed", errors, values };
  }
  refreshBookingPages();
  redirect(returnHref(backOf(formData).to === "mine" ? backOf(formData) : { to: "mine" }, { changed: bookingId }));
}
