"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isHubError } from "@/lib/errors";
import { requestLog } from "@/lib/http/request-log";
import { saveSettings } from "@/lib/integrations/office365/settings";
import { FIELD_LABELS, SETTINGS_FIELDS, type SettingsField } from "@/lib/integrations/office365/settings-schema";
import { formValues, type FieldErrors } from "@/lib/validation";

export type SettingsFormState = {
  status: "idle" | "invalid" | "saved" | "refused";
  errors: FieldErrors<SettingsField | "form">;
  /** What was entered, to show again after an error. Never the client secret. */
  values?: Partial<Record<Exclude<SettingsField, "clientSecret">, string>>;
  changed?: string[];
};

export async function saveOffice365Settings(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const logger = await requestLog();
  let user;
  try {
    user = await requireUser("admin");
  } catch (error) {
    if (isHubError(error)) return { status: "refused", errors: { form: error.message } };
    throw error;
  }

  const input = formValues(formData, SETTINGS_FIELDS);
  const result = await saveSettings(user, input);
  if (!result.ok) {
    const values = Object.fromEntries(Object.entries(input).filter(([field]) => field !== "clientSecret"));
    return { status: "invalid", errors: result.errors, values };
  }
  logger.info("office365.settings.saved", { userId: user.id, fields: result.changed });
  revalidatePath("/utilities/integrations", "layout");
  return { status: "saved", errors: {}, changed: result.changed.map((field) => FIELD_LABELS[field]) };
}
