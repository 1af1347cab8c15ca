import "server-only";
import { z } from "zod";
import { recordAudit, type AuditActor } from "./audit";
import { db } from "./db";
import { HubError } from "./errors";
import { bankHolidayRegionSchema, DEFAULT_BANK_HOLIDAY_REGION, type BankHolidayRegion } from "./resources/closed-dates";
import { isTimeZone } from "./time";

/**
 * Hub-wide settings (Utilities › Settings): the time zone booking pages show weeks in, and whose bank holidays close
 * the resources set to close on them.
 */
export const DEFAULT_TIME_ZONE = "Europe/London";
const ID = "default";

const TIME_ZONE_MESSAGE = "Choose a time zone from the list, like Europe/London";

/** One schema for the settings form and for every other caller of saveSiteSettings. */
export const siteSettingsSchema = z.object({
  timeZone: z.string({ error: TIME_ZONE_MESSAGE }).refine(isTimeZone, TIME_ZONE_MESSAGE),
  bankHolidayRegion: bankHolidayRegionSchema,
});
export type SiteSettings = z.infer<typeof siteSettingsSchema>;
export const SITE_SETTINGS_FIELDS = ["timeZone", "bankHolidayRegion"] as const satisfies readonly (keyof SiteSettings)[];

const DEFAULTS: SiteSettings = { timeZone: DEFAULT_TIME_ZONE, bankHolidayRegion: DEFAULT_BANK_HOLIDAY_REGION };

// The column is written only by saveSiteSettings; a value put there by hand falls back to the default rather than
// failing every page that reads the settings.
const storedRegion = bankHolidayRegionSchema.catch(DEFAULT_BANK_HOLIDAY_REGION);

/** Every hub setting in one query, for pages that need more than one of them. */
export async function readSiteSettings(): Promise<SiteSettings> {
  const row = await db.hubSettings.findUnique({ where: { id: ID } });
  if (!row) return DEFAULTS;
  return { timeZone: row.timeZone, bankHolidayRegion: storedRegion.parse(row.bankHolidayRegion) };
}

export async function readSiteTimeZone(): Promise<string> {
  return (await readSiteSettings()).timeZone;
}

export async function readBankHolidayRegion(): Promise<BankHolidayRegion> {
  return (await readSiteSettings()).bankHolidayRegion;
}

/**
 * Saves the settings in one transaction with their audit record, which names the fields that changed. Invalid input
 * is refused whole: nothing is saved. (The form parses with the same schema first, to report every field at once.)
 */
export async function saveSiteSettings(actor: AuditActor, input: unknown): Promise<{ changed: (keyof SiteSettings)[] }> {
  const parsed = siteSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError("invalid_input", { message: issue?.message ?? "The settings are not valid" }, { field: String(issue?.path[0] ?? "") });
  }
  const settings = parsed.data;
  return db.$transaction(async (tx) => {
    const row = await tx.hubSettings.findUnique({ where: { id: ID } });
    const before = row ? { timeZone: row.timeZone, bankHolidayRegion: row.bankHolidayRegion } : DEFAULTS;
    const changed = SITE_SETTINGS_FIELDS.filter((field) => before[field] !== settings[field]);
    if (changed.length === 0) return { changed };
    await tx.hubSettings.upsert({ where: { id: ID }, create: { id: ID, ...settings }, update: settings });
    await recordAudit(tx, { actor, action: "hub.settings.saved", target: "hub", fields: changed });
    return { changed };
  });
}
