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

// A zone's offset is looked up once per quarter hour of time (every real zone changes its offset on one), and kept
// per zone by the quarter hour's number: Luxon's lookup formats a date with Intl, thousands of times slower.
const offsets = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 15 * 60_000;
const MAX_REMEMBERED = 100_000;

function offsetMinutes(ms: number, zone: string): number {
  let ofZone = offsets.get(zone);
  if (!ofZone) {
    if (offsets.size > 100) offsets.clear();
    offsets.set(zone, (ofZone = new Map()));
  }
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = ofZone.get(quarter);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(ms);
    if (ofZone.size > MAX_REMEMBERED) ofZone.clear();
    ofZone.set(quarter, offset);
  }
  return offset;
}

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const DAY = 86_400_000;
// "2026-11-30" for each day number since 1970 (local), made once: in a server built by Next, every `new Date` goes
// through its wrapper, too slow for the tens of thousands of instants one availability answer writes.
const dateTexts = new Map<number, string>();

function dateText(dayNumber: number): string {
  let text = dateTexts.get(dayNumber);
  if (text === undefined) {
    text = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    if (dateTexts.size > MAX_REMEMBERED) dateTexts.clear();
    dateTexts.set(dayNumber, text);
  }
  return text;
}

// The texts written lately, per zone: availability writes the same instants for every resource (their slots share
// the hours), and a text kept is not made (nor collected) again.
const written = new Map<string, Map<number, string>>();

/** Epoch milliseconds as ISO 8601 in a zone ("2026-11-30T09:00:00+00:00"), the same text as isoIn, much faster. */
export function isoAt(ms: number, zone: string): string {
  let ofZone = written.get(zone);
  if (!ofZone) {
    if (written.size > 100) written.clear();
    written.set(zone, (ofZone = new Map()));
  }
  let text = ofZone.get(ms);
  if (text === undefined) {
    text = writeIso(ms, zone);
    if (ofZone.size > MAX_REMEMBERED) ofZone.clear();
    ofZone.set(ms, text);
  }
  return text;
}

function writeIso(ms: number, zone: string): string {
  const offset = zone === "UTC" ? 0 : offsetMinutes(ms, zone);
  const local = ms + offset * 60_000;
  const dayNumber = Math.floor(local / DAY);
  let rest = local - dayNumber * DAY;
  const milliseconds = rest % 1000;
  rest = (rest - milliseconds) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const time = `${two(Math.floor(rest / 60))}:${two(rest % 60)}:${two(seconds)}${milliseconds === 0 ? "" : `.${String(milliseconds).padStart(3, "0")}`}`;
  const text = `${dateText(dayNumber)}T${time}`;
  if (zone === "UTC") return `${text}Z`;
  const absolute = Math.abs(offset);
  return `${text}${offset < 0 ? "-" : "+"}${two(Math.floor(absolute / 60))}:${two(absolute % 60)}`;
}

/** A date in a zone: when it begins and ends (instants: a day is 23 or 25 hours at the clock changes), its weekday. */
export type LocalDay = {
  date: string;
  start: number;
  end: number;
  /** 1 Monday … 7 Sunday */
  weekday: number;
  zone: string;
  /** (Worked out once: the next date, and wall-clock times on this one.) */
  readonly remembered: { next?: LocalDay; times: Map<string, number> };
};

// Days, and wall-clock times on them, are worked out with Luxon once per zone and date, then remembered (a day's times
// with the day).
const days = new Map<string, LocalDay>();

function remember<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size > MAX_REMEMBERED) map.clear();
    map.set(key, value);
  }
  return value;
}

/** The local date that `ms` falls on in `zone`. */
export function localDayAt(ms: number, zone: string): LocalDay {
  const offset = zone === "UTC" ? 0 : offsetMinutes(ms, zone);
  return localDay(dateText(Math.floor((ms + offset * 60_000) / DAY)), zone);
}

/** A date ("2026-11-30") in `zone`. */
export function localDay(date: string, zone: string): LocalDay {
  return remember(days, `${zone}|${date}`, () => {
    const start = DateTime.fromISO(date, { zone });
    return { date, start: start.toMillis(), end: start.plus({ days: 1 }).toMillis(), weekday: start.weekday, zone, remembered: { times: new Map() } };
  });
}

/** The next date after `day`. */
export const nextLocalDay = (day: LocalDay): LocalDay => (day.remembered.next ??= localDayAt(day.end, day.zone));

/** Every local date touching [start, end) in `zone`. */
export function localDaysBetween(start: number, end: number, zone: string): LocalDay[] {
  const list: LocalDay[] = [];
  for (let day = localDayAt(start, zone); day.start < end; day = nextLocalDay(day)) list.push(day);
  return list;
}

/** The instant a wall-clock time ("08:30") falls at on a local date (a time skipped at a clock change: moved on). */
export function atWallClock(day: LocalDay, time: string): number {
  let at = day.remembered.times.get(time);
  if (at === undefined) {
    at = DateTime.fromISO(day.date, { zone: day.zone }).set({ hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)), second: 0, millisecond: 0 }).toMillis();
    day.remembered.times.set(time, at);
  }
  return at;
}

/** A number of days after a date ("2026-11-30" + 3 → "2026-12-03"), by the calendar. */
export function addDays(date: string, count: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10);
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
