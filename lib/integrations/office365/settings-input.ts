import { formValues } from "../../validation";
import { certificateFileText } from "./certificate";
import { SETTINGS_FIELDS } from "./settings-fields";

/**
 * The settings form's submission as the settings schema's input: its text fields, with the private key and the
 * certificate taken from uploaded files when files were chosen (a binary .cer is turned into PEM).
 */
export const UPLOAD_FIELDS = { privateKey: "privateKeyFile", certificate: "certificateFile" } as const;

/** One byte more than the schema accepts is enough for it to refuse a file by its length: the rest is never read. */
const MAX_UPLOAD_BYTES = 20_001;

export async function settingsFormInput(formData: FormData): Promise<Record<string, string | undefined>> {
  const input = formValues(formData, SETTINGS_FIELDS);
  for (const [field, fileField] of Object.entries(UPLOAD_FIELDS)) {
    const file = formData.get(fileField);
    if (!(file instanceof File) || file.size === 0) continue;
    const bytes = new Uint8Array(await file.slice(0, MAX_UPLOAD_BYTES).arrayBuffer());
    input[field] = field === "certificate" ? certificateFileText(bytes) : Buffer.from(bytes).toString("utf8");
  }
  return input;
}
