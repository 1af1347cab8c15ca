import { DateTime, IANAZone } from "luxon";
import { HubError } from "./errors";

/**
 * Dates and time zones, with Luxon. Graph writes times as zone-less strings ("2026-11-30T09:00:00.0000000") next to a
 * zone label that may be IANA ("Europe/London") or Windows ("GMT Standard Time"); reading one as local time, or writing
 * a UTC instant with a local label, is a classic off-by-an-hour bug around the clock changes.
 */
// Checking a zone name builds an Intl formatter: remembered, since the same few names arrive with every event.
const validZones = new Map<string, boolean>();

export function isTimeZone(name: string): boolean {
  let valid = validZones.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (validZones.size < 1_000) validZones.set(name, valid);
  }
  return valid;
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
  throw new HubError("unknown_time_zone", { label });
}

/** Graph's {dateTime, timeZone} → an instant. */
export function fromGraphDateTime(value: { dateTime: string; timeZone?: string | null }): DateTime {
  return DateTime.fromISO(value.dateTime.replace(/(\.\d{3})\d*$/, "$1"), { zone: ianaZone(value.timeZone ?? undefined) });
}

const GRAPH_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?\d*$/;

/**
 * Graph's {dateTime, timeZone} → epoch milliseconds: the hot path of availability, where hundreds of calendars'
 * events are read. Times asked for in UTC (Prefer: outlook.timezone="UTC") are parsed without Luxon.
 */
export function graphDateTimeMs(value: { dateTime: string; timeZone?: string | null }): number {
  const zone = ianaZone(value.timeZone ?? undefined);
  const match = zone === "UTC" ? GRAPH_UTC.exec(value.dateTime) : null;
  if (match) return Date.parse(`${match[1]}${match[2] ?? ""}Z`);
  return fromGraphDateTime(value).toMillis();
}

// A zone's offset is looked up once per quarter hour of time (every real zone changes its offset on one).
const offsets = new Map<string, number>();
const QUARTER_HOUR = 15 * 60_000;

function offsetMinutes(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(ms);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Epoch milliseconds as ISO 8601 in a zone ("2026-11-30T09:00:00+00:00"), the same text as isoIn, much faster. */
export function isoAt(ms: number, zone: string): string {
  const offset = zone === "UTC" ? 0 : offsetMinutes(ms, zone);
  const local = new Date(ms + offset * 60_000).toISOString();
  const text = local.slice(20, 23) === "000" ? local.slice(0, 19) : local.slice(0, 23);
  if (zone === "UTC") return `${text}Z`;
  const absolute = Math.abs(offset);
  return `${text}${offset < 0 ? "-" : "+"}${String(Math.floor(absolute / 60)).padStart(2, "0")}:${String(absolute % 60).padStart(2, "0")}`;
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
