"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { isHubError, type HubError } from "@/lib/errors";
import { formatIsoDate } from "@/lib/dates";
import { updateBookingMode } from "@/lib/resources/booking-mode";
import { addRoomsFromDirectory, type AddedRoom, type RefusedRoom } from "@/lib/resources/directory";
import { CHOICE_FIELDS } from "@/lib/resources/new-resource-steps";
import { addClosedDate, createResource, removeClosedDate, removeResource, updateResourceDetails, updateResourceRules, type Resource } from "@/lib/resources/resources";
import { rulesFormSchema, WEEKDAYS } from "@/lib/resources/rules-schema";
import { bookingModeSchema, calendarChoiceSchema, closedDateFormSchema, resourceDetailsSchema, resourceIdSchema, type CalendarChoice } from "@/lib/resources/schemas";
import { fieldErrors, formValues, type FieldErrors, type MessageState } from "@/lib/validation";

/**
 * The administrators' resource forms. Each action checks the caller is an administrator itself (an action is a public
 * endpoint), parses the whole form so that every invalid field is reported at once, then calls lib/resources; a
 * refusal comes back beside its field. Nothing is saved unless everything is valid.
 */
export type FormValues = Record<string, string | undefined>;
export type ResourceFormState = { status: "idle" | "invalid"; errors: FieldErrors; values?: FormValues };
export type RulesFormState = { status: "idle" | "saved" | "invalid"; errors: FieldErrors; values?: FormValues };
export type ClosedDateFormState = { status: "idle" | "added" | "invalid"; errors: FieldErrors; values?: FormValues; added?: string };
export type DirectoryFormState = { status: "idle" | "done" | "invalid"; errors: FieldErrors<"rooms" | "form">; added?: AddedRoom[]; refused?: RefusedRoom[] };

const DETAIL_FIELDS = ["name", "kind", "description", "capacity", "building", "floor", "wheelchairAccessible", "equipmentNotes", "whoCanBook", "showOnBookingPage"] as const;
const CHOICE_INPUTS = ["how", "mailboxId", "accountId", "sharedMailbox", "calendarId"] as const;
const RULE_FIELDS = [
  ...WEEKDAYS.flatMap((day) => [`${day}Open`, `${day}Opens`, `${day}Closes`]),
  "slotMinutes",
  "bufferBeforeMinutes",
  "bufferAfterMinutes",
  "minimumNoticeMinutes",
  "bookUpToDays",
  "longestBookingMinutes",
  "placesPerSlot",
  "closedOnBankHolidays",
];
const CLOSED_DATE_FIELDS = ["closedDay", "closedMonth", "closedYear", "closedReason"] as const;
const BOOKING_MODE_FIELDS = ["bookingMode", "organiser"] as const;

async function admin(): Promise<SessionUser | HubError> {
  try {
    return await requireUser("admin");
  } catch (error) {
    if (isHubError(error)) return error;
    throw error;
  }
}

const refusedField = (error: HubError, fields: readonly string[], fallback = "form") => (error.field && fields.includes(error.field) ? error.field : fallback);

/** The field of the chosen calendar a refusal is shown beside: the one it names, else the calendar (or mailbox) itself. */
function choiceField(error: HubError, how: CalendarChoice["how"] | undefined): string {
  const fields = how ? CHOICE_FIELDS[how] : CHOICE_INPUTS;
  return refusedField(error, fields, how === "application" ? "mailboxId" : "calendarId");
}

function resourceId(formData: FormData): string | null {
  const parsed = resourceIdSchema.safeParse(formData.get("resourceId"));
  return parsed.success ? parsed.data : null;
}

/** Add resource: the calendar chosen in the steps before (read again from Microsoft before saving) and its details. */
export async function addResource(_previous: ResourceFormState, formData: FormData): Promise<ResourceFormState> {
  const values = formValues(formData, [...DETAIL_FIELDS, ...CHOICE_INPUTS]);
  const caller = await admin();
  if (!("id" in caller)) return { status: "invalid", errors: { form: caller.message }, values };
  const details = resourceDetailsSchema.safeParse(values);
  const choice = calendarChoiceSchema.safeParse(values);
  if (!details.success || !choice.success) {
    return {
      status: "invalid",
      errors: { ...(choice.success ? {} : fieldErrors(choice.error)), ...(details.success ? {} : fieldErrors(details.error)) },
      values,
    };
  }
  let resource: Resource;
  try {
    resource = await createResource(caller, details.data, choice.data);
  } catch (error) {
    if (!isHubError(error)) throw error;
    const field = refusedField(error, DETAIL_FIELDS, choiceField(error, choice.data.how));
    return { status: "invalid", errors: { [field]: error.message }, values };
  }
  revalidatePath("/utilities/resources", "layout");
  redirect(`/utilities/resources?done=added&resource=${resource.id}`);
}

/**
 * A form that changes one thing about a resource and goes back to its page, with the `done` banner there: the caller
 * must be an administrator, then the whole form is parsed, then lib/resources makes the change (a refusal comes back
 * beside the field it names).
 */
async function changeResource<Schema extends z.ZodType>(
  formData: FormData,
  fields: readonly string[],
  schema: Schema,
  change: (caller: SessionUser, id: string, input: z.output<Schema>) => Promise<unknown>,
  done: string,
): Promise<ResourceFormState> {
  const values = formValues(formData, fields);
  const caller = await admin();
  if (!("id" in caller)) return { status: "invalid", errors: { form: caller.message }, values };
  const id = resourceId(formData);
  if (!id) return { status: "invalid", errors: { form: "That resource no longer exists." }, values };
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error), values };
  try {
    await change(caller, id, parsed.data);
  } catch (error) {
    if (!isHubError(error)) throw error;
    return { status: "invalid", errors: { [refusedField(error, fields)]: error.message }, values };
  }
  revalidatePath("/utilities/resources", "layout");
  redirect(`/utilities/resources/${id}?done=${done}`);
}

/** Change: the resource's details, the same schema as Add resource's. */
export async function saveResourceDetails(_previous: ResourceFormState, formData: FormData): Promise<ResourceFormState> {
  return changeResource(formData, DETAIL_FIELDS, resourceDetailsSchema, updateResourceDetails, "changed");
}

export async function saveResourceRules(_previous: RulesFormState, formData: FormData): Promise<RulesFormState> {
  const values = formValues(formData, RULE_FIELDS);
  const caller = await admin();
  if (!("id" in caller)) return { status: "invalid", errors: { form: caller.message }, values };
  const id = resourceId(formData);
  if (!id) return { status: "invalid", errors: { form: "That resource no longer exists." }, values };
  const rules = rulesFormSchema.safeParse(values);
  if (!rules.success) return { status: "invalid", errors: fieldErrors(rules.error), values };
  try {
    await updateResourceRules(caller, id, rules.data, values.closedOnBankHolidays === "on");
  } catch (error) {
    if (!isHubError(error)) throw error;
    return { status: "invalid", errors: { form: error.message }, values };
  }
  revalidatePath("/utilities/resources", "layout");
  return { status: "saved", errors: {}, values };
}

/**
 * How bookings are made: directly or as an invitation, and who sends it. Microsoft is asked (the calendar bookings
 * will be written to) before anything is saved; its refusal comes back beside the organiser (or the mode).
 */
export async function saveBookingMode(_previous: ResourceFormState, formData: FormData): Promise<ResourceFormState> {
  return changeResource(formData, BOOKING_MODE_FIELDS, bookingModeSchema, updateBookingMode, "booking-mode");
}

export async function addResourceClosedDate(_previous: ClosedDateFormState, formData: FormData): Promise<ClosedDateFormState> {
  const values = formValues(formData, CLOSED_DATE_FIELDS);
  const caller = await admin();
  if (!("id" in caller)) return { status: "invalid", errors: { form: caller.message }, values };
  const id = resourceId(formData);
  if (!id) return { status: "invalid", errors: { form: "That resource no longer exists." }, values };
  const closed = closedDateFormSchema.safeParse(values);
  if (!closed.success) return { status: "invalid", errors: fieldErrors(closed.error), values };
  try {
    await addClosedDate(caller, id, closed.data);
  } catch (error) {
    if (!isHubError(error)) throw error;
    return { status: "invalid", errors: { [refusedField(error, CLOSED_DATE_FIELDS)]: error.message }, values };
  }
  revalidatePath("/utilities/resources", "layout");
  return { status: "added", errors: {}, added: `${formatIsoDate(closed.data.date, { weekday: true })}: ${closed.data.reason}` };
}

export async function removeResourceClosedDate(_previous: MessageState, formData: FormData): Promise<MessageState> {
  const caller = await admin();
  if (!("id" in caller)) return { status: "failed", message: caller.message };
  const id = resourceId(formData);
  const date = String(formData.get("date") ?? "");
  if (!id || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { status: "failed", message: "That closed date is not in the list (it may already have been removed)." };
  try {
    await removeClosedDate(caller, id, date);
  } catch (error) {
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
  revalidatePath("/utilities/resources", "layout");
  redirect(`/utilities/resources/${id}?done=date-removed#closed-dates-heading`);
}

/** Remove: the resource goes; bookings already made stay, in Outlook and in the hub's list. */
export async function removeResourceAction(_previous: MessageState, formData: FormData): Promise<MessageState> {
  const caller = await admin();
  if (!("id" in caller)) return { status: "failed", message: caller.message };
  const id = resourceId(formData);
  if (!id) return { status: "failed", message: "That resource no longer exists." };
  try {
    await removeResource(caller, id);
  } catch (error) {
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
  revalidatePath("/utilities/resources", "layout");
  redirect("/utilities/resources?done=removed");
}

/** Add selected rooms: only the ticked addresses are taken from the form; everything else is read from Microsoft. */
export async function addSelectedRooms(_previous: DirectoryFormState, formData: FormData): Promise<DirectoryFormState> {
  const caller = await admin();
  if (!("id" in caller)) return { status: "invalid", errors: { form: caller.message } };
  const rooms = formData.getAll("room").filter((value): value is string => typeof value === "string");
  if (rooms.length === 0) return { status: "invalid", errors: { rooms: "Select at least one room to add" } };
  try {
    const { added, refused } = await addRoomsFromDirectory(caller, rooms);
    revalidatePath("/utilities/resources", "layout");
    return { status: "done", errors: {}, added, refused };
  } catch (error) {
    if (!isHubError(error)) throw error;
    return { status: "invalid", errors: { [error.field === "rooms" ? "rooms" : "form"]: error.message } };
  }
}
