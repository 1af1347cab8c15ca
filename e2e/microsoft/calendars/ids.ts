import { createHash, randomBytes } from "node:crypto";

/**
 * Exchange ids are long opaque base64 strings ("AAMkAGI2…AAA="): they contain "-", "_" and "=", so clients must
 * URL-encode them in paths. Calendar ids are derived from owner and name so the seed keeps the same ids across
 * restarts and resets; event ids are random.
 */

const hash = (text: string) => createHash("sha256").update(text).digest("base64url");

export function calendarId(ownerId: string, name: string): string {
  return `AAMkAGCal${hash(`calendar:${ownerId}:${name.toLowerCase()}`).slice(0, 40)}AAA=`;
}

export function newEventId(): string {
  return `AAMkAGEvt${randomBytes(45).toString("base64url")}AAA=`;
}

export function newChangeKey(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Exchange's global object id: a fixed class id, then 4 bytes for the occurrence date (zero for a series or a single
 * event), then the item's own bytes. Occurrences share their master's id with their date filled in, which is why
 * Graph documents iCalUId as different for each occurrence.
 */
const GLOBAL_OBJECT_CLASS = "040000008200E00074C5B7101A82E008";

export function newICalUId(): string {
  return `${GLOBAL_OBJECT_CLASS}00000000${randomBytes(24).toString("hex").toUpperCase()}`;
}

export function occurrenceICalUId(masterICalUId: string, date: string): string {
  const [year = "0", month = "0", day = "0"] = date.split("-");
  const stamp =
    Number(year).toString(16).padStart(4, "0") + Number(month).toString(16).padStart(2, "0") + Number(day).toString(16).padStart(2, "0");
  return masterICalUId.slice(0, 32) + stamp.toUpperCase() + masterICalUId.slice(40);
}

/** The series' id with the date bytes zeroed (Exchange's "clean" global object id): one value for a whole series. */
export function seriesICalUId(iCalUId: string): string {
  return `${iCalUId.slice(0, 32)}00000000${iCalUId.slice(40)}`;
}

/** Occurrences are computed, not stored: their id carries the master's id and the occurrence's original start. */
const OCCURRENCE_PREFIX = "AAMkAGOcc";

export function occurrenceId(masterId: string, originalStart: Date): string {
  return OCCURRENCE_PREFIX + Buffer.from(`${masterId}|${originalStart.toISOString()}`).toString("base64url");
}

export function parseOccurrenceId(id: string): { masterId: string; originalStart: Date } | null {
  if (!id.startsWith(OCCURRENCE_PREFIX)) return null;
  const decoded = Buffer.from(id.slice(OCCURRENCE_PREFIX.length), "base64url").toString("utf8");
  const bar = decoded.lastIndexOf("|");
  if (bar < 0) return null;
  const originalStart = new Date(decoded.slice(bar + 1));
  if (Number.isNaN(originalStart.getTime())) return null;
  return { masterId: decoded.slice(0, bar), originalStart };
}
