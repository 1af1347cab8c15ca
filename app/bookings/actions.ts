"use server";

import { DateTime } from "luxon";
import { revalidatePath } from "next/cache";
import { createBooking } from "@/app/actions/calendar";
import type { RepeatConflict } from "@/lib/errors";
import type { RoomResponse } from "@/lib/integrations/office365/calendar/booking-status";
import { dateFromParts, dateInWords } from "@/lib/resources/day-view";
import { readSiteTimeZone } from "@/lib/site-settings";
import type { FieldErrors } from "@/lib/validation";

/**
 * The booking page's forms, as thin wrappers over the calendar server actions (the same checks, the same path as the
 * site's own code): a chosen start time and duration become start and end in the site's time zone; the repeat and
 * Teams choices become createBooking's `repeat` and `teams`.
 */
export type BookingField = "start" | "duration" | "subject" | "attendees" | "body" | "repeat" | "ends" | "repeatUntil" | "repeatCount" | "teams" | "form";
export type BookingFormValues = Partial<Record<"start" | "duration" | "subject" | "attendees" | "body" | "repeat" | "ends" | "repeatUntilDay" | "repeatUntilMonth" | "repeatUntilYear" | "repeatCount", string>> & {
  teams?: boolean;
};
/** What the confirmation says: the booking, its Teams link, how it repeats, and an invitation's answer from the room. */
export type BookedSummary = {
  bookingId: string;
  subject: string;
  resource: string;
  when: string;
  webLink: string | null;
  teams: boolean;
  joinUrl: string | null;
  roomResponse: RoomResponse | null;
  repeat: string | null;
  notBooked: string[];
};
export type BookingFormState = {
  status: "idle" | "booked" | "invalid" | "failed" | "conflicts";
  errors: FieldErrors<BookingField>;
  booked?: BookedSummary;
  values?: BookingFormValues;
  /** A repeat with dates that are not free: those dates, the number of dates asked for, and to skip them. */
  conflicts?: { dates: RepeatConflict[]; total: number };
};

const REPEATS = ["none", "weekdays", "weekly", "monthly"] as const;

/** The form field an action's error is about ("attendees.1" is the attendees box; a too-long booking, the duration). */
function fieldFor(path: string, code: string, values: BookingFormValues): BookingField {
  if (code === "rule_too_long") return "duration";
  if (path === "repeat.until") return values.ends === "count" ? "repeatCount" : values.ends === "until" ? "repeatUntil" : "ends";
  if (path === "repeat.count") return "repeatCount";
  if (path.startsWith("repeat")) return "repeat";
  const top = path.split(".")[0] ?? "";
  if (top === "start" || top === "end") return "start";
  if (top === "subject" || top === "attendees" || top === "body" || top === "teams") return top;
  return "form";
}

/** How the booking repeats, from the form: nothing, or createBooking's `repeat` (and the form's own problems). */
function repeatFrom(values: BookingFormValues, errors: FieldErrors<BookingField>) {
  const frequency = REPEATS.find((repeat) => repeat === values.repeat) ?? "none";
  if (frequency === "none") return undefined;
  if (values.ends === "until") {
    const until = dateFromParts(values.repeatUntilDay ?? "", values.repeatUntilMonth ?? "", values.repeatUntilYear ?? "");
    if ("problem" in until) {
      errors.repeatUntil = until.problem.replace(/^Enter a date$/, "Enter the last date").replace(/^Date /, "The last date ");
      return { frequency, count: undefined, until: undefined, invalid: true };
    }
    return { frequency, until: until.date };
  }
  if (values.ends === "count") {
    const count = values.repeatCount?.trim() ?? "";
    if (!count) {
      errors.repeatCount = "Enter how many times, like 10";
      return { frequency, invalid: true };
    }
    return { frequency, count: /^\d+$/.test(count) ? Number(count) : Number.NaN };
  }
  errors.ends = "Choose when it ends: on a date, or after a number of times";
  return { frequency, invalid: true };
}

export async function bookSlot(_previous: BookingFormState, formData: FormData): Promise<BookingFormState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const values: BookingFormValues = {
    start: text("start"),
    duration: text("duration"),
    subject: text("subject"),
    attendees: text("attendees"),
    body: text("body"),
    repeat: text("repeat") || "none",
    ends: text("ends"),
    repeatUntilDay: text("repeatUntilDay"),
    repeatUntilMonth: text("repeatUntilMonth"),
    repeatUntilYear: text("repeatUntilYear"),
    repeatCount: text("repeatCount"),
    teams: text("teams") === "on",
  };
  const errors: FieldErrors<BookingField> = {};
  const timeZone = await readSiteTimeZone();
  const start = DateTime.fromISO(values.start!, { setZone: true });
  const minutes = Number(values.duration);
  const attendees = values.attendees!.split(/[\s,;]+/).filter(Boolean);
  const repeat = repeatFrom(values, errors);
  // "Book the free dates": the dates the page listed as not free are left out (the server checks them again).
  const skipDates = text("intent") === "skip" ? text("skipDates").split(",").filter(Boolean) : undefined;
  // With no time chosen, or a repeat the form could not read, the action is still asked so every other field is checked.
  const result = await createBooking({
    resourceId: text("resourceId"),
    subject: values.subject!,
    start: values.start!,
    end: start.isValid && Number.isInteger(minutes) && minutes > 0 ? start.plus({ minutes }).toISO()! : values.start!,
    timeZone,
    attendees,
    body: values.body || undefined,
    ...(repeat && !("invalid" in repeat) ? { repeat: { frequency: repeat.frequency, until: repeat.until, count: repeat.count } } : {}),
    ...(skipDates ? { skipDates } : {}),
    ...(values.teams ? { teams: true } : {}),
  });
  const formProblems = Object.keys(errors).length > 0;
  if (!result.ok) {
    if (result.error.repeat && !formProblems) {
      return { status: "conflicts", errors: {}, values, conflicts: { dates: result.error.repeat.conflicts, total: result.error.repeat.total } };
    }
    const messages = result.error.fields ?? { [result.error.field ?? "form"]: result.error.message };
    for (const [path, message] of Object.entries(messages)) errors[fieldFor(path, result.error.code, values)] ??= message;
    if (!values.start) errors.start = "Choose a start time";
    return { status: result.error.code === "invalid_input" ? "invalid" : "failed", errors, values };
  }
  if (formProblems) {
    // Never expected (an unreadable repeat is not sent), but never book something other than what the form says.
    return { status: "invalid", errors, values };
  }
  revalidatePath("/bookings");
  const local = start.setZone(timeZone);
  const booked = result.data;
  return {
    status: "booked",
    errors: {},
    booked: {
      bookingId: booked.bookingId,
      subject: values.subject!,
      resource: text("resourceName"),
      when: `${dateInWords(local.toISODate()!)}, ${local.toFormat("HH:mm")} to ${local.plus({ minutes }).toFormat("HH:mm")}`,
      webLink: booked.webLink,
      teams: values.teams ?? false,
      joinUrl: booked.joinUrl,
      roomResponse: booked.roomResponse,
      repeat: booked.series?.repeat ?? null,
      notBooked: (booked.series?.skippedDates ?? []).map(dateInWords),
    },
  };
}
