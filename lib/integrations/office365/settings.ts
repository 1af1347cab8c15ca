import "server-only";
import { latestAudit, recordAudit, type AuditActor, type AuditEntry } from "../../audit";
import { db } from "../../db";
import { fieldErrors, type FieldErrors } from "../../validation";
import { seal, unseal } from "../../vault";
import type { Cloud } from "./clouds";
import { office365SettingsSchema, type AzureAdVersion, type SettingsField } from "./settings-schema";

/** The app registration's details: read without the secret for pages, with it (decrypted) only for Microsoft calls. */
const SETTINGS_ID = "default";
export const CLIENT_SECRET_PURPOSE = "office365.settings.clientSecret";
export const AUDIT_TARGET = "office365";

export type Office365Settings = {
  clientId: string;
  azureAdVersion: AzureAdVersion;
  tenant: string;
  cloud: Cloud;
  clientSecretExpiresOn: string | null;
  clientSecretSavedAt: Date;
  updatedAt: Date;
  adminConsentAt: Date | null;
  adminConsentTenant: string | null;
  /** Set when Microsoft refused the app registration itself (wrong or expired secret, unknown app). */
  problem: { code: string; message: string; at: Date } | null;
};

type SettingsRow = NonNullable<Awaited<ReturnType<typeof db.office365Settings.findUnique>>>;

function toSettings(row: SettingsRow): Office365Settings {
  return {
    clientId: row.clientId,
    azureAdVersion: row.azureAdVersion as AzureAdVersion,
    tenant: row.tenant,
    cloud: row.cloud as Cloud,
    clientSecretExpiresOn: row.clientSecretExpiresOn,
    clientSecretSavedAt: row.clientSecretSavedAt,
    updatedAt: row.updatedAt,
    adminConsentAt: row.adminConsentAt,
    adminConsentTenant: row.adminConsentTenant,
    problem: row.problemCode && row.problemMessage && row.problemAt ? { code: row.problemCode, message: row.problemMessage, at: row.problemAt } : null,
  };
}

export async function readSettings(): Promise<Office365Settings | null> {
  const row = await db.office365Settings.findUnique({ where: { id: SETTINGS_ID } });
  return row ? toSettings(row) : null;
}

/** For the OAuth and Graph code only: never pass the result to a page or a client component. */
export async function readClientCredentials(): Promise<(Office365Settings & { clientSecret: string }) | null> {
  const row = await db.office365Settings.findUnique({ where: { id: SETTINGS_ID } });
  return row ? { ...toSettings(row), clientSecret: unseal(row.clientSecret, CLIENT_SECRET_PURPOSE) } : null;
}

export type SaveSettingsResult =
  | { ok: true; changed: SettingsField[] }
  | { ok: false; errors: FieldErrors<SettingsField> };

/**
 * Validates and saves the settings with the audit record in one transaction: either both are written or neither.
 * An empty client secret keeps the saved one.
 */
export async function saveSettings(actor: AuditActor, input: Record<string, unknown>): Promise<SaveSettingsResult> {
  const existing = await db.office365Settings.findUnique({ where: { id: SETTINGS_ID } });
  const parsed = office365SettingsSchema({ secretSaved: existing !== null }).safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors<SettingsField>(parsed.error) };
  const settings = parsed.data;

  const changed: SettingsField[] = [];
  if (existing?.clientId !== settings.clientId) changed.push("clientId");
  if (settings.clientSecret !== null) changed.push("clientSecret");
  if (existing?.azureAdVersion !== settings.azureAdVersion) changed.push("azureAdVersion");
  if (existing?.tenant !== settings.tenant) changed.push("tenant");
  if (existing?.cloud !== settings.cloud) changed.push("cloud");
  if ((existing?.clientSecretExpiresOn ?? null) !== settings.clientSecretExpiresOn) changed.push("clientSecretExpiresOn");
  if (changed.length === 0) return { ok: true, changed };

  const now = new Date();
  const values = {
    clientId: settings.clientId,
    azureAdVersion: settings.azureAdVersion,
    tenant: settings.tenant,
    cloud: settings.cloud,
    clientSecretExpiresOn: settings.clientSecretExpiresOn,
    updatedById: actor.id,
    // New settings deserve a fresh chance: a refusal by Microsoft is flagged again on the next attempt.
    problemCode: null,
    problemMessage: null,
    problemAt: null,
    ...(settings.clientSecret !== null
      ? { clientSecret: seal(settings.clientSecret, CLIENT_SECRET_PURPOSE), clientSecretSavedAt: now }
      : {}),
  };
  await db.$transaction(async (tx) => {
    if (existing) {
      await tx.office365Settings.update({ where: { id: SETTINGS_ID }, data: values });
    } else {
      // The schema guarantees a secret when none is saved yet.
      await tx.office365Settings.create({
        data: { id: SETTINGS_ID, ...values, clientSecret: values.clientSecret ?? "", clientSecretSavedAt: now },
      });
    }
    await recordAudit(tx, { actor, action: "office365.settings.saved", target: AUDIT_TARGET, fields: changed });
  });
  return { ok: true, changed };
}

export async function lastSettingsChange(): Promise<AuditEntry | null> {
  return latestAudit(AUDIT_TARGET, "office365.settings.saved");
}
