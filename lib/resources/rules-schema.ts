import { z } from "zod";
import { readStoredJson } from "../db/json";

/**
 * A resource's rules, as the administrator sets them on its page: one schema for the form, the service and anything
 * that reads them back from the database (where opening hours are JSON, parsed here).
 */
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

export const SLOT_LENGTHS = [15, 30, 60] as const;
export type SlotLength = (typeof SLOT_LENGTHS)[number];

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export type DayHours = { opens: string; closes: string } | null;
export type OpeningHours = Record<Weekday, DayHours>;

export const DEFAULT_OPENING_HOURS: OpeningHours = {
  monday: { opens: "08:00", closes: "18:00" },
  tuesday: { opens: "08:00", closes: "18:00" },
  wednesday: { opens: "08:00", closes: "18:00" },
  thursday: { opens: "08:00", closes: "18:00" },
  friday: { opens: "08:00", closes: "18:00" },
  saturday: null,
  sunday: null,
};

const dayHoursSchema = z
  .object({ opens: z.string().regex(TIME), closes: z.string().regex(TIME) })
  .refine((hours) => minutesOf(hours.closes) > minutesOf(hours.opens))
  .nullable();

/** The stored JSON: malformed means unusable, and the resource is then closed rather than open at random hours. */
export const openingHoursSchema = z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, dayHoursSchema])) as Record<Weekday, typeof dayHoursSchema>);

export function parseOpeningHours(json: string): OpeningHours | null {
  const stored = readStoredJson(openingHoursSchema, json);
  return stored.ok ? stored.value : null;
}

export type ResourceRules = {
  openingHours: OpeningHours;
  slotMinutes: SlotLength;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  bookUpToDays: number;
  longestBookingMinutes: number;
  placesPerSlot: number;
};

export const DEFAULT_RULES: ResourceRules = {
  openingHours: DEFAULT_OPENING_HOURS,
  slotMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 60,
  // Exchange's own default booking window for rooms (Set-CalendarProcessing BookingWindowInDays).
  bookUpToDays: 180,
  longestBookingMinutes: 240,
  placesPerSlot: 1,
};

/** A tick box as a form sends it ("on"), or a boolean from the site's code. */
const isTicked = (value: unknown) => value === true || value === "on" || value === "true";

const wholeNumber = (label: string, min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `${label} must be a number of ${unit}` })
    .int(`${label} must be a whole number of ${unit}`)
    .min(min, `${label} must be ${min} ${min === 1 ? unit.replace(/s$/, "") : unit} or more`)
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} ${unit} or fewer`);

/**
 * The rules form, as plain strings (FormData) or values (the site's code): every weekday's "Open" tick box and its
 * times, and the numbers. Times are checked per day so each error names its day.
 */
export const rulesFormSchema = z
  // Loose: each weekday's fields (mondayOpen, mondayOpens, mondayCloses, …) are read in the transform, day by day.
  .looseObject({
    slotMinutes: z.coerce
      .number({ error: "Choose a slot length" })
      .refine((value): value is SlotLength => (SLOT_LENGTHS as readonly number[]).includes(value), "Choose a slot length: 15, 30 or 60 minutes"),
    bufferBeforeMinutes: wholeNumber("Buffer before", 0, 240, "minutes"),
    bufferAfterMinutes: wholeNumber("Buffer after", 0, 240, "minutes"),
    minimumNoticeMinutes: wholeNumber("Minimum notice", 0, 60 * 24 * 28, "minutes"),
    bookUpToDays: wholeNumber("Book up to", 1, 366, "days"),
    longestBookingMinutes: wholeNumber("Longest booking", 15, 24 * 60, "minutes"),
    placesPerSlot: wholeNumber("Places per slot", 1, 1_000, "places"),
  })
  // Runs even when a number is invalid, so every invalid field is reported at once.
  .superRefine(
    (form, context) => {
      const values = form as Record<string, unknown>;
      for (const day of WEEKDAYS) {
        if (!isTicked(values[`${day}Open`])) continue;
        const opens = String(values[`${day}Opens`] ?? "").trim();
        const closes = String(values[`${day}Closes`] ?? "").trim();
        const label = WEEKDAY_LABELS[day];
        if (!TIME.test(opens)) context.addIssue({ code: "custom", path: [`${day}Opens`], message: `Enter the time ${label} opens, like 08:00` });
        if (!TIME.test(closes)) context.addIssue({ code: "custom", path: [`${day}Closes`], message: `Enter the time ${label} closes, like 18:00` });
        if (TIME.test(opens) && TIME.test(closes) && minutesOf(closes) <= minutesOf(opens)) {
          context.addIssue({ code: "custom", path: [`${day}Closes`], message: `${label} must close after it opens` });
        }
      }
      if (typeof form.longestBookingMinutes === "number" && typeof form.slotMinutes === "number" && form.longestBookingMinutes < form.slotMinutes) {
        context.addIssue({ code: "custom", path: ["longestBookingMinutes"], message: "Longest booking must be at least one slot long" });
      }
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .transform((form): ResourceRules => {
    const values = form as Record<string, unknown>;
    const openingHours = Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        isTicked(values[`${day}Open`]) ? { opens: String(values[`${day}Opens`]).trim(), closes: String(values[`${day}Closes`]).trim() } : null,
      ]),
    ) as OpeningHours;
    return {
      openingHours,
      slotMinutes: form.slotMinutes as SlotLength,
      bufferBeforeMinutes: form.bufferBeforeMinutes,
      bufferAfterMinutes: form.bufferAfterMinutes,
      minimumNoticeMinutes: form.minimumNoticeMinutes,
      bookUpToDays: form.bookUpToDays,
      longestBookingMinutes: form.longestBookingMinutes,
      placesPerSlot: form.placesPerSlot,
    };
  });

/** The rules as the form shows them (the inverse of rulesFormSchema). */
export function rulesFormValues(rules: ResourceRules): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {
    slotMinutes: String(rules.slotMinutes),
    bufferBeforeMinutes: String(rules.bufferBeforeMinutes),
    bufferAfterMinutes: String(rules.bufferAfterMinutes),
    minimumNoticeMinutes: String(rules.minimumNoticeMinutes),
    bookUpToDays: String(rules.bookUpToDays),
    longestBookingMinutes: String(rules.longestBookingMinutes),
    placesPerSlot: String(rules.placesPerSlot),
  };
  for (const day of WEEKDAYS) {
    const hours = rules.openingHours[day];
    values[`${day}Open`] = hours !== null;
    values[`${day}Opens`] = hours?.opens ?? "08:00";
    values[`${day}Closes`] = hours?.closes ?? "18:00";
  }
  return values;
}
