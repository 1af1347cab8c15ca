"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isHubError } from "@/lib/errors";
import { saveSiteTimeZone } from "@/lib/site-settings";

export type HubSettingsState = { status: "idle" | "saved" | "invalid"; message?: string };

export async function saveHubSettings(_previous: HubSettingsState, formData: FormData): Promise<HubSettingsState> {
  try {
    const admin = await requireUser("admin");
    await saveSiteTimeZone(admin, String(formData.get("timeZone") ?? ""));
  } catch (error) {
    if (isHubError(error)) return { status: "invalid", message: error.message };
    throw error;
  }
  revalidatePath("/", "layout");
  return { status: "saved", message: "Hub settings saved" };
}
