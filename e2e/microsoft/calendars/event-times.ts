import { DateTime } from "luxon";
import { instantInZone, resolveZone, utcMidnight, ZONE_NOT_SUPPORTED, zoneNotSupportedMessage } from "./time-zones";

/**
 * Turns the start and end a client sends ({ dateTime, timeZone } from Graph, or an ISO instant from the control
 * API) into what the store keeps: UTC instants plus the labels they were written in. All-day events must start and
 * end at midnight and are kept as floating dates (UTC midnight), as Exchange does
 * (https://learn.microsoft.com/graph/api/resources/event, isAllDay).
 */

/** A refusal in Graph's terms; the control API reports the same text as a 400. */
export interface FieldError {
  status: number;
  code: string;
  message: string;
}

export function isFieldError(value: unknown): value is FieldError {
  return typeof value === "object" && value !== null && "code" in value && "status" in value;
}

export interface ResolvedTime {
  instant: Date;
  /** The time-zone label as the client wrote it ("UTC" for control-API instants). */
  label: string;
  /** The local date in that zone. */
  date: string;
  midnight: boolean;
}

export type TimeInput = string | { dateTime: string; timeZone?: string | null };

const badRequest = (message: string): FieldError => ({ status: 400, code: "ErrorInvalidRequest", message });

export function resolveTime(input: TimeInput): ResolvedTime | FieldError {
  if (typeof input === "string") {
    const parsed = DateTime.fromISO(input, { setZone: true, zone: "UTC" });
    if (!parsed.isValid) return badRequest(`'${input}' is not an ISO 8601 date-time.`);
    return { instant: parsed.toJSDate(), label: "UTC", date: input.slice(0, 10), midnight: isMidnight(parsed) };
  }
  const label = input.timeZone ?? "";
  const zone = resolveZone(label);
  if (!zone) return { status: 400, code: ZONE_NOT_SUPPORTED, message: zoneNotSupportedMessage(label) };
  const instant = instantInZone(input.dateTime, zone);
  if (!instant) return { status: 400, code: "BadRequest", message: `Cannot convert the literal '${input.dateTime}' to a date-time.` };
  const local = DateTime.fromJSDate(instant, { zone: zone.iana });
  return { instant, label, date: local.toISODate() ?? input.dateTime.slice(0, 10), midnight: isMidnight(local) };
}

function isMidnight(time: DateTime): boolean {
  return time.hour === 0 && time.minute === 0 && time.second === 0 && time.millisecond === 0;
}

/** A stored time back in ResolvedTime form, so an update can change only the start or only the end. */
export function storedTime(instant: Date, label: string, isAllDay: boolean): ResolvedTime {
  const zone = isAllDay ? "UTC" : (resolveZone(label)?.iana ?? "UTC");
  const local = DateTime.fromJSDate(instant, { zone });
  return { instant, label, date: local.toISODate() ?? instant.toISOString().slice(0, 10), midnight: isMidnight(local) };
}

export interface EventSpan {
  start: Date;
  end: Date;
  startTimeZone: string;
  endTimeZone: string;
}

export function eventSpan(start: ResolvedTime, end: ResolvedTime, isAllDay: boolean): EventSpan | FieldError {
  if (isAllDay) {
    if (!start.midnight || !end.midnight) {
      return badRequest("Your request can't be completed. An all-day event must start and end at midnight.");
    }
    const span = { start: utcMidnight(start.date), end: utcMidnight(end.date), startTimeZone: start.label, endTimeZone: end.label };
    if (span.end <= span.start) return badRequest("Your request can't be completed. An all-day event must last at least one day.");
    return span;
  }
  if (end.instant < start.instant) return badRequest("Your request can't be completed. The end time must be after the start time.");
  return { start: start.instant, end: end.instant, startTimeZone: start.label, endTimeZone: end.label };
}
