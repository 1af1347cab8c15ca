import Holidays from "date-holidays";
import { z } from "zod";
import { readStoredJson } from "../db/json";
import { HubError } from "../errors";

/**
 * The days a resource is closed: the bank holidays of the region chosen in Utilities › Settings (when the resource
 * closes on bank holidays) and the dates its administrator added, such as a building closure.
 *
 * Bank holidays are computed offline by date-holidays, so next year's come without anyone updating a list, and are
 * meant to match gov.uk/bank-holidays: only bank (public) holidays, never observances such as Mother's Day, and a
 * holiday that falls at a weekend only as its substitute weekday, as gov.uk lists it.
 */

// ---- Regions --------------------------------------------------------------------------------------------------

export const BANK_HOLIDAY_REGION_IDS = ["england-and-wales", "scotland", "northern-ireland", "none"] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGION_IDS)[number];
export const DEFAULT_BANK_HOLIDAY_REGION: BankHolidayRegion = "england-and-wales";

/** Where date-holidays keeps a region's holidays: a country and one of its states (ISO 3166-2 subdivisions). */
export type HolidayCalendar = { country: "GB"; state: "ENG" | "SCT" | "NIR" };

const REGION_DETAILS: Record<BankHolidayRegion, { label: string; calendar: HolidayCalendar | null }> = {
  // England and Wales share one list in law (Banking and Financial Dealings Act 1971, Schedule 1, paragraph 1) and on
  // gov.uk; date-holidays keeps ENG and WLS separately with the same rules (closed-dates.test.ts checks they agree).
  "england-and-wales": { label: "England and Wales", calendar: { country: "GB", state: "ENG" } },
  scotland: { label: "Scotland", calendar: { country: "GB", state: "SCT" } },
  "northern-ireland": { label: "Northern Ireland", calendar: { country: "GB", state: "NIR" } },
  none: { label: "None (no bank holidays)", calendar: null },
};

/** The regions in the order the settings page offers them. */
export const BANK_HOLIDAY_REGIONS: readonly { id: BankHolidayRegion; label: string; calendar: HolidayCalendar | null }[] =
  BANK_HOLIDAY_REGION_IDS.map((id) => ({ id, ...REGION_DETAILS[id] }));

export const bankHolidayRegionSchema = z.enum(BANK_HOLIDAY_REGION_IDS, {
  error: "Select which bank holidays close resources: England and Wales, Scotland, Northern Ireland or none",
});

export function bankHolidayRegionLabel(region: BankHolidayRegion): string {
  return REGION_DETAILS[region].label;
}

// ---- Bank holidays --------------------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertIsoDate(value: string): void {
  // A malformed date would match no holiday and so read as "open": a programming error, refused loudly.
  if (!ISO_DATE.test(value)) throw new RangeError(`Expected a date like 2027-01-04, got "${value}"`);
}

function isWeekend(isoDate: string): boolean {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

// date-holidays' English names, where gov.uk words a holiday differently.
const GOV_UK_NAMES: Record<string, string> = { "January 2nd": "2nd January" };

function govUkName(name: string): string {
  for (const [theirs, ours] of Object.entries(GOV_UK_NAMES)) {
    if (name.startsWith(theirs)) return ours + name.slice(theirs.length);
  }
  return name;
}

const calendars = new Map<BankHolidayRegion, Holidays>();
// Per region and year, since every availability request asks for the same one or two years again.
const years = new Map<string, ReadonlyMap<string, string>>();

function calendarOf(region: BankHolidayRegion): Holidays | null {
  const where = REGION_DETAILS[region].calendar;
  if (!where) return null;
  let calendar = calendars.get(region);
  if (!calendar) {
    // Only bank and public holidays: "observance" (Mother's Day, Easter Sunday) closes nothing.
    calendar = new Holidays(where.country, where.state, { types: ["public", "bank"], languages: "en" });
    calendars.set(region, calendar);
  }
  return calendar;
}

function holidaysOfYear(region: BankHolidayRegion, year: number): ReadonlyMap<string, string> {
  const key = `${region}:${year}`;
  const known = years.get(key);
  if (known) return known;
  const calendar = calendarOf(region);
  const found = new Map<string, string>();
  if (calendar) {
    const holidays = calendar.getHolidays(year);
    const substitutes = holidays.filter((holiday) => holiday.substitute).map((holiday) => holiday.name);
    for (const holiday of [...holidays].sort((a, b) => a.date.localeCompare(b.date))) {
      const date = holiday.date.slice(0, 10);
      // date-holidays lists both Saturday 26 December and its substitute, Monday 28 December; gov.uk lists (and
      // banks close on) only the Monday. The substitute is named after the holiday it stands in for.
      if (!holiday.substitute && isWeekend(date) && substitutes.some((name) => name.startsWith(holiday.name))) continue;
      const name = govUkName(holiday.name);
      const already = found.get(date);
      found.set(date, already && already !== name ? `${already} and ${name}` : name);
    }
  }
  // A handful of entries per region and year; the bound only guards against a caller walking through centuries.
  if (years.size >= 400) years.clear();
  years.set(key, found);
  return found;
}

/**
 * The bank holidays of a region from one date to another, both included ("YYYY-MM-DD"), across year boundaries:
 * date → name, in date order. Empty for "none".
 */
export function bankHolidays(region: BankHolidayRegion, fromIsoDate: string, toIsoDate: string): Map<string, string> {
  assertIsoDate(fromIsoDate);
  assertIsoDate(toIsoDate);
  const result = new Map<string, string>();
  for (let year = Number(fromIsoDate.slice(0, 4)); year <= Number(toIsoDate.slice(0, 4)); year++) {
    for (const [date, name] of holidaysOfYear(region, year)) {
      if (date >= fromIsoDate && date <= toIsoDate) result.set(date, name);
    }
  }
  return result;
}

// ---- Dates the administrator adds -----------------------------------------------------------------------------

/** How many dates one resource may list: a year of closures, far more than a building's. */
export const MAX_CLOSED_DATES = 366;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const closedDateSchema = z.object({
  date: z
    .string({ error: "Enter a date like 2027-01-04" })
    .regex(ISO_DATE, "Enter a date like 2027-01-04")
    // Only for a date in the right form, so "4 January" gets one message, not two.
    .refine((value) => !ISO_DATE.test(value) || isRealDate(value), "Enter a real date, like 2027-01-04"),
  reason: z
    .string({ error: "Enter why it is closed, like Building closed" })
    .trim()
    .min(1, "Enter why it is closed, like Building closed")
    .max(200, "The reason must be 200 characters or fewer"),
});

/** A date an administrator closed a resource on, with the reason staff are shown. */
export type ClosedDate = z.infer<typeof closedDateSchema>;

/** A resource's `closedDates`: each date once, kept in date order. */
export const closedDatesSchema = z
  .array(closedDateSchema, { error: "Closed dates must be a list of dates with reasons" })
  .max(MAX_CLOSED_DATES, `A resource can have at most ${MAX_CLOSED_DATES} closed dates`)
  .superRefine((dates, context) => {
    const seen = new Set<string>();
    dates.forEach(({ date }, index) => {
      if (seen.has(date)) context.addIssue({ code: "custom", path: [index, "date"], message: `${date} is listed more than once` });
      seen.add(date);
    });
  })
  .transform((dates) => [...dates].sort((a, b) => a.date.localeCompare(b.date)));

/**
 * A resource's stored `closedDates` JSON, parsed where it is read. Damaged JSON is a HubError
 * (`closed_dates_unreadable`), never a crash and never "no closed dates": a resource whose closures cannot be read
 * must not look open.
 */
export function parseClosedDates(json: string, resourceName?: string): ClosedDate[] {
  const stored = readStoredJson(closedDatesSchema, json);
  if (!stored.ok) throw new HubError("closed_dates_unreadable", { resource: resourceName, detail: stored.problem });
  return stored.value;
}

// ---- Is it closed? --------------------------------------------------------------------------------------------

export type ClosedDateRules = {
  region: BankHolidayRegion;
  closedOnBankHolidays: boolean;
  closedDates: readonly ClosedDate[];
};

// The same resource's list is asked about for every slot of a request: indexed once per list.
const closedDateIndexes = new WeakMap<readonly ClosedDate[], ReadonlyMap<string, string>>();

function indexOf(closedDates: readonly ClosedDate[]): ReadonlyMap<string, string> {
  let index = closedDateIndexes.get(closedDates);
  if (!index) {
    index = new Map(closedDates.map((closed) => [closed.date, closed.reason]));
    closedDateIndexes.set(closedDates, index);
  }
  return index;
}

/**
 * Why a resource is closed on a date ("YYYY-MM-DD", in the site's time zone): the administrator's reason for a date
 * they added (it is specific to the resource, so it wins), else the bank holiday's name, else null (open).
 */
export function closedOn(date: string, { region, closedOnBankHolidays, closedDates }: ClosedDateRules): string | null {
  assertIsoDate(date);
  const reason = indexOf(closedDates).get(date);
  if (reason !== undefined) return reason;
  if (!closedOnBankHolidays) return null;
  return holidaysOfYear(region, Number(date.slice(0, 4))).get(date) ?? null;
}
