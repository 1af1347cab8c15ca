"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { describeError, isHubError } from "@/lib/errors";
import { requestLog } from "@/lib/http/request-log";
import { removeAccount, testConnection } from "@/lib/integrations/office365/accounts";
import { startAdminConsent, startAuthorization } from "@/lib/integrations/office365/authorize";
import { addApplicationMailbox, removeApplicationMailbox } from "@/lib/integrations/office365/mailboxes";
import { accountIdSchema } from "@/lib/integrations/office365/schemas";
import { saveSettings } from "@/lib/integrations/office365/settings";
import { FIELD_LABELS, GENERATE_CERTIFICATE_INTENT, type SettingsField } from "@/lib/integrations/office365/settings-fields";
import { settingsFormInput } from "@/lib/integrations/office365/settings-input";
import type { FieldErrors, MessageState } from "@/lib/validation";

export type SettingsFormState = {
  status: "idle" | "invalid" | "saved" | "refused";
  errors: FieldErrors<SettingsField | "form">;
  /** What was typed, to show again after an error. Never the client secret or the private key, nor uploaded files. */
  values?: Partial<Record<Exclude<SettingsField, "clientSecret" | "privateKey">, string>>;
  changed?: string[];
  /** This save made a new key pair and certificate (the "Generate a key pair and certificate" button). */
  generated?: boolean;
};

const NEVER_SENT_BACK: readonly string[] = ["clientSecret", "privateKey"];

export async function saveOffice365Settings(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const logger = await requestLog();
  let user;
  try {
    user = await requireUser("admin");
  } catch (error) {
    if (isHubError(error)) return { status: "refused", errors: { form: error.message } };
    throw error;
  }

  const input = await settingsFormInput(formData);
  const generated = formData.get("intent") === GENERATE_CERTIFICATE_INTENT;
  const result = await saveSettings(user, input, { generateCertificate: generated });
  if (!result.ok) {
    const typed = (field: string) => typeof formData.get(field) === "string" && !NEVER_SENT_BACK.includes(field);
    const values = Object.fromEntries(Object.entries(input).filter(([field]) => typed(field)).map(([field]) => [field, formData.get(field) as string]));
    return { status: "invalid", errors: result.errors, values };
  }
  logger.info("office365.settings.saved", { userId: user.id, fields: result.changed, generatedCertificate: generated });
  revalidatePath("/utilities/integrations", "layout");
  return { status: "saved", errors: {}, changed: result.changed.map((field) => FIELD_LABELS[field]), generated };
}

export type AccountActionState = MessageState;

async function adminOrMessage(): Promise<{ user: SessionUser } | { message: string }> {
  try {
    return { user: await requireUser("admin") };
  } catch (error) {
    if (isHubError(error)) return { message: error.message };
    throw error;
  }
}

/** Connect account / Reconnect: records the state and sends the browser to Microsoft's sign-in. */
export async function connectAccount(_previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const caller = await adminOrMessage();
  if ("message" in caller) return { status: "failed", message: caller.message };
  const reconnect = accountIdSchema.optional().safeParse(formData.get("accountId") ?? undefined);
  if (!reconnect.success) return { status: "failed", message: describeError("account_not_found", undefined) };
  let url: string;
  try {
    url = await startAuthorization(caller.user, { reconnectAccountId: reconnect.data });
  } catch (error) {
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
  redirect(url);
}

export async function testAccountConnection(_previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const caller = await adminOrMessage();
  if ("message" in caller) return { status: "failed", message: caller.message };
  const accountId = accountIdSchema.safeParse(formData.get("accountId"));
  if (!accountId.success) return { status: "failed", message: describeError("account_not_found", undefined) };
  try {
    const result = await testConnection(accountId.data);
    revalidatePath("/utilities/integrations", "layout");
    return { status: "ok", message: `Connection works: Microsoft Graph answered for ${result.displayName ?? result.email} (${result.email}).` };
  } catch (error) {
    revalidatePath("/utilities/integrations", "layout");
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
}

export async function removeConnectedAccount(_previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const caller = await adminOrMessage();
  if ("message" in caller) return { status: "failed", message: caller.message };
  const accountId = accountIdSchema.safeParse(formData.get("accountId"));
  if (!accountId.success) return { status: "failed", message: describeError("account_not_found", undefined) };
  let removed: { email: string };
  try {
    removed = await removeAccount(caller.user, accountId.data);
  } catch (error) {
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
  (await requestLog()).info("office365.account_removed", { userId: caller.user.id, accountId: accountId.data });
  revalidatePath("/utilities/integrations", "layout");
  redirect(`/utilities/integrations/office365?removed=${encodeURIComponent(removed.email)}`);
}

/** Grant admin consent: sends the browser to Microsoft's admin-consent page for the tenant. */
export async function grantAdminConsent(): Promise<AccountActionState> {
  const caller = await adminOrMessage();
  if ("message" in caller) return { status: "failed", message: caller.message };
  let url: string;
  try {
    url = await startAdminConsent(caller.user);
  } catch (error) {
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
  redirect(url);
}

export type MailboxFormState = { status: "idle" | "added" | "invalid"; message?: string; address?: string };

/** Adds a room or shared mailbox reached with application permissions, after checking its calendar can be read. */
export async function addMailbox(_previous: MailboxFormState, formData: FormData): Promise<MailboxFormState> {
  const caller = await adminOrMessage();
  if ("message" in caller) return { status: "invalid", message: caller.message };
  const address = formData.get("address");
  try {
    const mailbox = await addApplicationMailbox(caller.user, address);
    revalidatePath("/utilities/integrations", "layout");
    return { status: "added", message: `${mailbox.address} was added with application access.` };
  } catch (error) {
    if (isHubError(error)) return { status: "invalid", message: error.message, address: typeof address === "string" ? address : undefined };
    throw error;
  }
}

export async function removeMailbox(_previous: AccountActionState, formData: FormData): Promise<AccountActionState> {
  const caller = await adminOrMessage();
  if ("message" in caller) return { status: "failed", message: caller.message };
  const mailboxId = accountIdSchema.safeParse(formData.get("accountId"));
  if (!mailboxId.success) return { status: "failed", message: describeError("mailbox_not_in_list", undefined) };
  let removed: { address: string };
  try {
    removed = await removeApplicationMailbox(caller.user, mailboxId.data);
  } catch (error) {
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
  revalidatePath("/utilities/integrations", "layout");
  redirect(`/utilities/integrations/office365?removed=${encodeURIComponent(removed.address)}`);
}
