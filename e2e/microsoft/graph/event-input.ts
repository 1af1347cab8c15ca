import { z } from "zod";
import { eventSpan, isFieldError, resolveTime, storedTime, type FieldError, type ResolvedTime } from "../calendars/event-times";
import { NO_RESPONSE, recurrenceSchema, SHOW_AS, type Attendee, type EventFields, type StoredEvent } from "../calendars/model";
import { ONLINE_MEETING_PROVIDERS, type OnlineMeetingRequest } from "../calendars/online-meetings";
import { normalizeRecurrence } from "../calendars/recurrence";

/**
 * The body of POST …/events and PATCH …/events/{id}, read as Graph reads it
 * (https://learn.microsoft.com/graph/api/user-post-events, https://learn.microsoft.com/graph/api/event-update):
 * enum values case-insensitively, unknown properties refused (a typo in the hub must not pass silently), the
 * properties the emulator does not model (reminders' sound, extended properties...) accepted and ignored.
 */

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });

const eventInputSchema = z.object({
  subject: z.string().nullish(),
  body: z.object({ contentType: z.string().optional(), content: z.string().nullish() }).nullish(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  isAllDay: z.boolean().optional(),
  showAs: z.string().optional(),
  sensitivity: z.string().optional(),
  importance: z.string().optional(),
  categories: z.array(z.string()).optional(),
  location: z.object({ displayName: z.string().nullish() }).nullish(),
  attendees: z
    .array(z.object({ emailAddress: z.object({ address: z.string(), name: z.string().nullish() }), type: z.string().optional() }))
    .optional(),
  recurrence: recurrenceSchema.nullish(),
  transactionId: z.string().nullish(),
  isOnlineMeeting: z.boolean().nullish(),
  onlineMeetingProvider: z.string().nullish(),
  isReminderOn: z.boolean().optional(),
  reminderMinutesBeforeStart: z.number().int().optional(),
});

/** Real event properties the emulator accepts without modelling them. */
const IGNORED = [
  "@odata.type", "responseRequested", "allowNewTimeProposals",
  "hideAttendees", "locations", "originalStartTimeZone", "originalEndTimeZone", "isDraft", "singleValueExtendedProperties",
];

const badRequest = (message: string): FieldError => ({ status: 400, code: "BadRequest", message });

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], property: string): T | undefined | FieldError {
  if (value === undefined) return undefined;
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  return match ?? badRequest(`Requested value '${value}' was not found for property '${property}'.`);
}

/** The changes a body asks for; `existing` is the event being updated (null for a create). */
export function eventChanges(json: unknown, existing: StoredEvent | null): Partial<EventFields> | FieldError {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return badRequest("Empty Payload. JSON content expected.");
  const known = new Set([...Object.keys(eventInputSchema.shape), ...IGNORED]);
  const unknown = Object.keys(json).find((name) => !known.has(name));
  if (unknown) {
    return badRequest(
      `The property '${unknown}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
  }
  const parsed = eventInputSchema.safeParse(json);
  if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const input = parsed.data;

  const changes: Partial<EventFields> = {};
  if (input.subject !== undefined) changes.subject = input.subject ?? "";
  if (input.body !== undefined) {
    const contentType = oneOf(input.body?.contentType ?? "html", ["text", "html"] as const, "contentType");
    if (isFieldError(contentType)) return contentType;
    changes.body = { contentType: contentType ?? "html", content: input.body?.content ?? "" };
  }
  for (const [name, allowed] of [
    ["showAs", SHOW_AS],
    ["sensitivity", ["normal", "personal", "private", "confidential"]],
    ["importance", ["low", "normal", "high"]],
  ] as const) {
    const value = oneOf(input[name], allowed, name);
    if (isFieldError(value)) return value;
    if (value !== undefined) Object.assign(changes, { [name]: value });
  }
  if (input.categories) changes.categories = input.categories;
  if (input.location !== undefined) changes.location = input.location?.displayName ?? "";
  if (input.attendees) {
    const attendees: Attendee[] = [];
    for (const attendee of input.attendees) {
      const type = oneOf(attendee.type ?? "required", ["required", "optional", "resource"] as const, "type");
      if (isFieldError(type)) return type;
      const { address, name } = attendee.emailAddress;
      // An attendee who stays on the meeting keeps the answer the organizer's copy recorded.
      const kept = existing?.attendees.find((known) => known.emailAddress.address.toLowerCase() === address.toLowerCase());
      attendees.push({
        emailAddress: { address, name: name ?? address },
        type: type ?? "required",
        status: kept?.status ?? NO_RESPONSE,
        ...(kept?.occurrenceStatus ? { occurrenceStatus: kept.occurrenceStatus } : {}),
      });
    }
    changes.attendees = attendees;
  }
  if (input.transactionId !== undefined) changes.transactionId = input.transactionId ?? null;
  if (input.isReminderOn !== undefined) changes.isReminderOn = input.isReminderOn;
  if (input.reminderMinutesBeforeStart !== undefined) changes.reminderMinutesBeforeStart = input.reminderMinutesBeforeStart;

  const provider = oneOf(input.onlineMeetingProvider ?? undefined, ONLINE_MEETING_PROVIDERS, "onlineMeetingProvider");
  if (isFieldError(provider)) return provider;

  const times = timeChanges(input, existing);
  if (isFieldError(times)) return times;
  Object.assign(changes, times);

  if (input.recurrence !== undefined) {
    const start = changes.start ?? existing?.start;
    const startTimeZone = changes.startTimeZone ?? existing?.startTimeZone ?? "UTC";
    const isAllDay = changes.isAllDay ?? existing?.isAllDay ?? false;
    const recurrence = input.recurrence && start ? normalizeRecurrence(input.recurrence, start, startTimeZone, isAllDay) : null;
    if (isFieldError(recurrence)) return recurrence;
    changes.recurrence = recurrence;
  }
  return changes;
}

/**
 * Whether the body turns the event into an online meeting (online-meetings.ts): `isOnlineMeeting: true`, or an
 * onlineMeetingProvider other than unknown without `isOnlineMeeting: false`. Read after eventChanges accepted it.
 */
export function requestedOnlineMeeting(json: unknown): OnlineMeetingRequest | null {
  const input = eventInputSchema.safeParse(json);
  if (!input.success) return null;
  const { isOnlineMeeting, onlineMeetingProvider } = input.data;
  const provider = ONLINE_MEETING_PROVIDERS.find((name) => name.toLowerCase() === onlineMeetingProvider?.toLowerCase());
  const named = provider && provider !== "unknown" ? provider : null;
  if (isOnlineMeeting === true) return { provider: named };
  return named && isOnlineMeeting !== false ? { provider: named } : null;
}

type TimeFields = Pick<EventFields, "start" | "end" | "startTimeZone" | "endTimeZone" | "isAllDay">;

/** start, end and isAllDay resolved together: an update may change one and keep the others. */
function timeChanges(input: z.infer<typeof eventInputSchema>, existing: StoredEvent | null): Partial<TimeFields> | FieldError {
  if (!existing && (!input.start || !input.end)) {
    return { status: 400, code: "ErrorInvalidRequest", message: "Your request can't be completed. The start and end of the event are required." };
  }
  if (existing && !input.start && !input.end && input.isAllDay === undefined) return {};
  const isAllDay = input.isAllDay ?? existing?.isAllDay ?? false;
  const pick = (given: typeof input.start, instant: Date | undefined, label: string | undefined): ResolvedTime | FieldError => {
    if (given) return resolveTime(given);
    return storedTime(instant ?? new Date(0), label ?? "UTC", existing?.isAllDay ?? false);
  };
  const start = pick(input.start, existing?.start, existing?.startTimeZone);
  if (isFieldError(start)) return start;
  const end = pick(input.end, existing?.end, existing?.endTimeZone);
  if (isFieldError(end)) return end;
  const span = eventSpan(start, end, isAllDay);
  if (isFieldError(span)) return span;
  return { ...span, isAllDay };
}
