import { DateTime, IANAZone } from "luxon";
import { HubError } from "./errors";

/**
 * Dates and time zones, with Luxon. Graph writes times as zone-less strings ("2026-11-30T09:00:00.0000000") next to a
 * zone label that may be IANA ("Europe/London") or Windows ("GMT Standard Time"); reading one as local time, or writing
 * a UTC instant with a local label, is a classic off-by-an-hour bug around the clock changes.
 */
export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

// The Windows names Graph commonly answers with, for reading its responses.
// https://learn.microsoft.com/windows-hardware/manufacture/desktop/default-time-zones
const WINDOWS_ZONES: Record<string, string> = {
  UTC: "UTC",
  "Coordinated Universal Time": "UTC",
  "GMT Standard Time": "Europe/London",
  "Greenwich Standard Time": "Atlantic/Reykjavik",
  "W. Europe Standard Time": "Europe/Berlin",
  "Romance Standard Time": "Europe/Paris",
  "Central Europe Standard Time": "Europe/Budapest",
  "Eastern Standard Time": "America/New_York",
  "Central Standard Time": "America/Chicago",
  "Mountain Standard Time": "America/Denver",
  "Pacific Standard Time": "America/Los_Angeles",
  "China Standard Time": "Asia/Shanghai",
  "Tokyo Standard Time": "Asia/Tokyo",
  "AUS Eastern Standard Time": "Australia/Sydney",
};

/**
 * A zone label from Graph as an IANA name. A label the hub does not know is an error, not UTC: guessing would move
 * events by hours, and a calendar read wrongly must not look free.
 */
export function ianaZone(label: string | undefined): string {
  if (!label) return "UTC";
  if (isTimeZone(label)) return label;
  const known = WINDOWS_ZONES[label];
  if (known) return known;
  throw new HubError("unknown_time_zone", `Microsoft answered with a time zone the hub does not know ("${label}"), so it cannot place these events in time.`, {
    status: 502,
  });
}

/** Graph's {dateTime, timeZone} → an instant. */
export function fromGraphDateTime(value: { dateTime: string; timeZone?: string | null }): DateTime {
  return DateTime.fromISO(value.dateTime.replace(/(\.\d{3})\d*$/, "$1"), { zone: ianaZone(value.timeZone ?? undefined) });
}

/** An instant → Graph's {dateTime, timeZone}, written in `zone` (an IANA name). */
export function toGraphDateTime(instant: DateTime, zone: string): { dateTime: string; timeZone: string } {
  return { dateTime: instant.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: zone };
}

/** An instant as ISO 8601 with the zone's offset ("2026-11-30T09:00:00.000+00:00"). */
export function isoIn(instant: DateTime, zone: string): string {
  return instant.setZone(zone).toISO({ suppressMilliseconds: true }) ?? "";
}

export type ParsedInstant = { ok: true; instant: DateTime } | { ok: false; message: string };

/**
 * "2026-11-30T09:00" (local to `zone`) or "2026-11-30T09:00:00Z" / "+01:00" (an instant). A local time that does not
 * exist (the hour skipped when the clocks go forward) is refused rather than silently moved.
 */
export function parseInstant(value: string, zone: string): ParsedInstant {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const instant = DateTime.fromISO(value, hasOffset ? { setZone: true } : { zone });
  if (!instant.isValid) return { ok: false, message: "must be a date and time like 2026-11-30T09:00" };
  if (!hasOffset) {
    const wanted = value.length <= 16 ? value : value.slice(0, 19);
    const written = instant.toFormat(value.length <= 16 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
    if (!written.startsWith(wanted.slice(0, 16))) {
      return { ok: false, message: `does not exist in ${zone} (the clocks go forward then)` };
    }
  }
  return { ok: true, instant };
}
