/** Dates as the hub shows them: UK English, in the site's time zone (Hub settings: lib/site-settings.ts). */
export function formatDateTime(date: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone }).format(date);
  const time = new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", hour12: true, timeZone })
    .format(date)
    .replace(" ", "")
    .toLowerCase();
  return `${day} at ${time}`;
}

/** "2027-03-31" → "31 March 2027", or with `weekday` "Wednesday 31 March 2027" (the GOV.UK date style, no comma). */
export function formatIsoDate(isoDate: string, { weekday = false }: { weekday?: boolean } = {}): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  const words = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
  if (!weekday) return words;
  return `${new Intl.DateTimeFormat("en-GB", { weekday: "long", timeZone: "UTC" }).format(date)} ${words}`;
}

/** A "YYYY-MM-DD" date moved by whole years and days: ("2026-12-01", { years: 1, days: -1 }) → "2027-11-30". */
export function shiftIsoDate(isoDate: string, { years = 0, days = 0 }: { years?: number; days?: number }): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  // Date.UTC carries an overflowing day into the next month (29 February in a common year is 1 March).
  return new Date(Date.UTC((year ?? 1970) + years, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

/** Today's date ("YYYY-MM-DD") in the given time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(now);
}

/** Whole days from one "YYYY-MM-DD" to another. */
export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / 86_400_000);
}
