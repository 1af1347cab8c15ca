import { DateTime, IANAZone } from "luxon";

/**
 * Graph's time zones: dateTimeTimeZone values and `Prefer: outlook.timezone="…"` accept Windows names
 * ("Pacific Standard Time") and IANA names ("Europe/London"); any other label is a 400
 * TimeZoneNotSupportedException (https://learn.microsoft.com/graph/api/resources/datetimetimezone). dateTime strings
 * have no offset and seven fraction digits, "2026-11-30T09:00:00.0000000", and the label is echoed as sent.
 */

/** The Windows names the hub and its users are likely to send (from CLDR's windowsZones.xml, territory 001). */
const WINDOWS_ZONES: Record<string, string> = {
  "utc": "UTC",
  "coordinated universal time": "UTC",
  "gmt standard time": "Europe/London",
  "greenwich standard time": "Atlantic/Reykjavik",
  "w. europe standard time": "Europe/Berlin",
  "romance standard time": "Europe/Paris",
  "central europe standard time": "Europe/Budapest",
  "central european standard time": "Europe/Warsaw",
  "e. europe standard time": "Europe/Chisinau",
  "fle standard time": "Europe/Kiev",
  "eastern standard time": "America/New_York",
  "central standard time": "America/Chicago",
  "mountain standard time": "America/Denver",
  "pacific standard time": "America/Los_Angeles",
  "aus eastern standard time": "Australia/Sydney",
  "tokyo standard time": "Asia/Tokyo",
  "india standard time": "Asia/Kolkata",
  "china standard time": "Asia/Shanghai",
};

/** A time zone as Graph echoes it (`label`) and as luxon computes with it (`iana`). */
export interface GraphZone {
  label: string;
  iana: string;
}

export const UTC_ZONE: GraphZone = { label: "UTC", iana: "UTC" };

/** The zone a Windows or IANA label names, or null when Graph would refuse it. */
export function resolveZone(label: string): GraphZone | null {
  const trimmed = label.trim();
  if (trimmed === "") return null;
  const windows = WINDOWS_ZONES[trimmed.toLowerCase()];
  if (windows) return { label: trimmed, iana: windows };
  // isValidZone accepts every IANA name luxon's Intl knows; fixed offsets like "UTC+1" are not IANA names.
  if (trimmed.includes("/") || trimmed.toUpperCase() === "UTC" || trimmed.toUpperCase() === "GMT") {
    if (IANAZone.isValidZone(trimmed)) return { label: trimmed, iana: trimmed };
  }
  return null;
}

export const ZONE_NOT_SUPPORTED = "TimeZoneNotSupportedException";

export function zoneNotSupportedMessage(label: string): string {
  return `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${label}'.`;
}

/** "2026-11-30T09:00:00.0000000" in `zone`: Graph's dateTime, no offset, seven fraction digits. */
export function formatGraphDateTime(instant: Date, zone: GraphZone): string {
  const local = DateTime.fromJSDate(instant, { zone: zone.iana });
  return `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`;
}

/** A floating all-day date at midnight, whatever zone was asked for (Graph never shifts all-day events). */
export function formatGraphDate(instant: Date): string {
  return `${instant.toISOString().slice(0, 10)}T00:00:00.0000000`;
}

/** { dateTime, timeZone } as Graph reads it: the wall-clock time in that zone (an offset in dateTime wins). */
export function instantInZone(dateTime: string, zone: GraphZone): Date | null {
  const parsed = DateTime.fromISO(dateTime, { zone: zone.iana });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** calendarView's startDateTime / endDateTime: ISO 8601; without an offset the value is UTC. */
export function parseInstant(value: string): Date | null {
  const parsed = DateTime.fromISO(value, { zone: "UTC" });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** The local calendar date ("2026-11-30") of an instant in a zone. */
export function localDate(instant: Date, iana: string): string {
  return DateTime.fromJSDate(instant, { zone: iana }).toISODate() ?? instant.toISOString().slice(0, 10);
}

/** "2026-11-30" → UTC midnight: how the emulator stores the floating dates of all-day events. */
export function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Midnight of a calendar date in a zone. */
export function midnightIn(date: string, iana: string): Date {
  return DateTime.fromISO(date, { zone: iana }).startOf("day").toJSDate();
}
