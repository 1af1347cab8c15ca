import "server-only";
import { latestAudit, recordAudit, type AuditActor, type AuditEntry } from "../../audit";
import { environment } from "../../config";
import { db } from "../../db";
import { HubError } from "../../errors";
import { fieldErrors, type FieldErrors } from "../../validation";
import { seal, unseal } from "../../vault";
import { certificateDetails, generateCertificate, type CertificateDetails } from "./certificate";
import type { ClientCredential } from "./client-credential";
import type { Cloud } from "./clouds";
import { office365SettingsSchema, type AzureAdVersion, type CredentialType, type SettingsField } from "./settings-schema";

/**
 * The app registration's details: read without the secret or private key for pages, with the credential in force
 * (decrypted) only for Microsoft calls.
 */
const SETTINGS_ID = "default";
export const CLIENT_SECRET_PURPOSE = "office365.settings.clientSecret";
export const CERTIFICATE_KEY_PURPOSE = "office365.settings.certificatePrivateKey";
export const AUDIT_TARGET = "office365";

export type Office365Settings = {
  clientId: string;
  credentialType: CredentialType;
  azureAdVersion: AzureAdVersion;
  tenant: string;
  cloud: Cloud;
  clientSecretExpiresOn: string | null;
  /** Null when no client secret was ever saved (a certificate-only set-up). */
  clientSecretSavedAt: Date | null;
  /** The saved certificate (public), whether or not it is the credential in force. */
  certificate: (CertificateDetails & { pem: string; savedAt: Date }) | null;
  updatedAt: Date;
  adminConsentAt: Date | null;
  adminConsentTenant: string | null;
  /** Set when Microsoft refused the app registration itself (wrong or expired secret or certificate, unknown app). */
  problem: { code: string; message: string; at: Date } | null;
};

type SettingsRow = NonNullable<Awaited<ReturnType<typeof db.office365Settings.findUnique>>>;

function toSettings(row: SettingsRow): Office365Settings {
  return {
    clientId: row.clientId,
    credentialType: row.credentialType,
    azureAdVersion: row.azureAdVersion,
    tenant: row.tenant,
    cloud: row.cloud,
    clientSecretExpiresOn: row.clientSecretExpiresOn,
    clientSecretSavedAt: row.clientSecretSavedAt,
    certificate:
      row.certificate && row.certificateSavedAt
        ? { ...certificateDetails(row.certificate), pem: row.certificate, savedAt: row.certificateSavedAt }
        : null,
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

/** The credential in force, decrypted. */
function credentialFrom(row: SettingsRow, type: CredentialType): ClientCredential {
  if (type === "certificate" && row.certificate && row.certificatePrivateKey) {
    return { kind: "certificate", certificatePem: row.certificate, privateKeyPem: unseal(row.certificatePrivateKey, CERTIFICATE_KEY_PURPOSE) };
  }
  if (type === "secret" && row.clientSecret) return { kind: "secret", secret: unseal(row.clientSecret, CLIENT_SECRET_PURPOSE) };
  // The settings schema never saves a credential type without its credential.
  throw new HubError("no_client_credential");
}

/** For the OAuth and Graph code only: never pass the result to a page or a client component. */
export async function readClientCredentials(): Promise<(Office365Settings & { credential: ClientCredential }) | null> {
  const row = await db.office365Settings.findUnique({ where: { id: SETTINGS_ID } });
  if (!row) return null;
  const settings = toSettings(row);
  return { ...settings, credential: credentialFrom(row, settings.credentialType) };
}

export type SaveSettingsResult =
  | { ok: true; changed: SettingsField[] }
  | { ok: false; errors: FieldErrors<SettingsField> };

/** The subject of certificates the hub makes, so they are recognisable in Entra: "Integrations Hub www.example.gov.uk". */
export function generatedCertificateName(): string {
  return `Integrations Hub ${new URL(environment().publicUrl).host}`;
}

/**
 * Validates and saves the settings with the audit record in one transaction: either both are written or neither.
 * An empty client secret, private key or certificate keeps the saved one. With `generateCertificate`, a new key pair
 * and self-signed certificate are made here on the server and saved as if they had been pasted.
 */
export async function saveSettings(
  actor: AuditActor,
  input: Record<string, unknown>,
  { generateCertificate: generate = false }: { generateCertificate?: boolean } = {},
): Promise<SaveSettingsResult> {
  if (generate && (input.privateKey || input.certificate)) {
    return { ok: false, errors: { privateKey: "To generate a new key pair and certificate, leave Private key and Certificate empty" } };
  }
  const existing = await db.office365Settings.findUnique({ where: { id: SETTINGS_ID } });
  const generated = generate ? await generateCertificate({ commonName: generatedCertificateName() }) : null;
  const parsed = office365SettingsSchema({
    secretSaved: Boolean(existing?.clientSecret),
    certificateSaved: Boolean(existing?.certificate && existing.certificatePrivateKey),
  }).safeParse(generated ? { ...input, privateKey: generated.privateKeyPem, certificate: generated.certificatePem } : input);
  if (!parsed.success) return { ok: false, errors: fieldErrors<SettingsField>(parsed.error) };
  const settings = parsed.data;
  // The same certificate pasted again (its key must match it) changes nothing.
  const newCertificate = settings.certificate && settings.certificate.certificatePem !== existing?.certificate ? settings.certificate : null;

  const changed: SettingsField[] = [];
  if (existing?.clientId !== settings.clientId) changed.push("clientId");
  // A client secret is the default: a first save with one does not list Credential as changed.
  if ((existing?.credentialType ?? "secret") !== settings.credentialType) changed.push("credentialType");
  if (settings.clientSecret !== null) changed.push("clientSecret");
  if (newCertificate) changed.push("certificate");
  if (existing?.azureAdVersion !== settings.azureAdVersion) changed.push("azureAdVersion");
  if (existing?.tenant !== settings.tenant) changed.push("tenant");
  if (existing?.cloud !== settings.cloud) changed.push("cloud");
  if ((existing?.clientSecretExpiresOn ?? null) !== settings.clientSecretExpiresOn) changed.push("clientSecretExpiresOn");
  if (changed.length === 0) return { ok: true, changed };

  const now = new Date();
  const values = {
    clientId: settings.clientId,
    credentialType: settings.credentialType,
    azureAdVersion: settings.azureAdVersion,
    tenant: settings.tenant,
    cloud: settings.cloud,
    clientSecretExpiresOn: settings.clientSecretExpiresOn,
    updatedById: actor.id,
    // New settings deserve a fresh chance: a refusal by Microsoft is flagged again on the next attempt.
    problemCode: null,
    problemMessage: null,
    problemAt: null,
    ...(settings.clientSecret !== null ? { clientSecret: seal(settings.clientSecret, CLIENT_SECRET_PURPOSE), clientSecretSavedAt: now } : {}),
    ...(newCertificate
      ? {
          certificate: newCertificate.certificatePem,
          certificatePrivateKey: seal(newCertificate.privateKeyPem, CERTIFICATE_KEY_PURPOSE),
          certificateSavedAt: now,
        }
      : {}),
  };
  await db.$transaction(async (tx) => {
    await tx.office365Settings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...values }, update: values });
    await recordAudit(tx, { actor, action: "office365.settings.saved", target: AUDIT_TARGET, fields: changed });
  });
  return { ok: true, changed };
}

export async function lastSettingsChange(): Promise<AuditEntry | null> {
  return latestAudit(AUDIT_TARGET, "office365.settings.saved");
}
