"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isHubError } from "@/lib/errors";
import { saveSiteSettings, SITE_SETTINGS_FIELDS, siteSettingsSchema } from "@/lib/site-settings";
import { fieldErrors, formValues, type FieldErrors } from "@/lib/validation";

type HubSettingsField = (typeof SITE_SETTINGS_FIELDS)[number];
export type HubSettingsState = { status: "idle" | "saved" | "invalid"; errors: FieldErrors<HubSettingsField | "form"> };

export async function saveHubSettings(_previous: HubSettingsState, formData: FormData): Promise<HubSettingsState> {
  try {
    const admin = await requireUser("admin");
    // Parsed here as well as in saveSiteSettings, so that every wrong field is reported at once rather than the first.
    const parsed = siteSettingsSchema.safeParse(formValues(formData, SITE_SETTINGS_FIELDS));
    if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error) };
    await saveSiteSettings(admin, parsed.data);
  } catch (error) {
    if (!isHubError(error)) throw error;
    const field = SITE_SETTINGS_FIELDS.find((name) => name === error.field) ?? "form";
    return { status: "invalid", errors: { [field]: error.message } };
  }
  revalidatePath("/", "layout");
  return { status: "saved", errors: {} };
}
