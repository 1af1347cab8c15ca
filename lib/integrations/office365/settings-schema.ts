import { z } from "zod";
import type { AzureAdVersion } from "../../db/enums";
import { formatDateTime } from "../../dates";
import { readCertificate, readPrivateKey, MIN_RSA_BITS } from "./certificate";
import { CLOUD_IDS } from "./clouds";
import { CREDENTIAL_TYPE_IDS } from "./settings-fields";

export { CREDENTIAL_TYPES, CREDENTIAL_TYPE_IDS, FIELD_LABELS, SETTINGS_FIELDS, type CredentialType, type SettingsField } from "./settings-fields";

/** The Office 365 settings form: one schema, used by the page, the server action and the settings service. */
export const AZURE_AD_VERSIONS = {
  v1: { label: "Azure AD", hint: "The v1.0 endpoints (/oauth2/authorize with a resource)" },
  v2: { label: "Azure AD v2.0", hint: "The v2.0 endpoints (/oauth2/v2.0/authorize with scopes). Choose this for new app registrations." },
} as const satisfies Record<AzureAdVersion, unknown>;
export type { AzureAdVersion };
export const AZURE_AD_VERSION_IDS = Object.keys(AZURE_AD_VERSIONS) as [AzureAdVersion, ...AzureAdVersion[]];

export const DEFAULT_TENANT = "organizations";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
export const TENANT_ALIASES = ["common", "organizations", "consumers"] as const;

const clientId = z
  .string({ error: "Enter the client ID" })
  .trim()
  .min(1, "Enter the client ID")
  .regex(GUID, "Client ID must be the Application (client) ID from Microsoft Entra, like 6731de76-14a6-49ae-97bc-6eba6914391e")
  .transform((value) => value.toLowerCase());

const tenant = z
  .string({ error: "Enter the tenant" })
  .trim()
  .min(1, "Enter the tenant: organizations, common, consumers, your directory (tenant) ID or your domain")
  .transform((value) => value.toLowerCase())
  .refine(
    (value) => (TENANT_ALIASES as readonly string[]).includes(value) || GUID.test(value) || DOMAIN.test(value),
    "Tenant must be organizations, common, consumers, a directory (tenant) ID like 72f988bf-86f1-41af-91ab-2d7cd011db47, or a domain like yourcouncil.onmicrosoft.com",
  );

/** "YYYY-MM-DD", a real calendar date. Empty means "not known". */
const expiryDate = z
  .string()
  .trim()
  .transform((value, context) => {
    if (value === "") return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.toISOString().slice(0, 10) !== value) {
      context.addIssue({ code: "custom", message: "Client secret expires on must be a real date, like 31 March 2027" });
      return z.NEVER;
    }
    if (date.getUTCFullYear() < 2000 || date.getUTCFullYear() > 2100) {
      context.addIssue({ code: "custom", message: "Client secret expires on must be a date between the years 2000 and 2100" });
      return z.NEVER;
    }
    return value;
  });

/** Longest PEM the form takes: a 4096-bit RSA key is about 3,300 characters, a certificate with a chain about 6,000. */
const MAX_PEM_CHARS = 20_000;

/** Trimmed text, null when empty; a text too long is refused without being parsed. */
const pemText = (label: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      const text = value?.trim() || null;
      if (text !== null && text.length > MAX_PEM_CHARS) {
        context.addIssue({ code: "custom", message: `${label} must be ${MAX_PEM_CHARS.toLocaleString("en-GB")} characters or fewer` });
        return z.NEVER;
      }
      return text;
    });

const PRIVATE_KEY_PROBLEMS = {
  encrypted:
    "This private key is protected with a passphrase. Remove the passphrase first (for example: openssl pkey -in key.pem -out key-plain.pem); the hub encrypts the key itself when it stores it",
  unreadable: "Private key must be a PEM private key, starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----",
  not_rsa: "Private key must be an RSA key: Microsoft Entra certificate credentials use RSA",
  too_small: `Private key must be an RSA key of ${MIN_RSA_BITS} bits or more`,
} as const;

const privateKey = pemText("Private key").transform((text, context) => {
  if (text === null) return null;
  const reading = readPrivateKey(text);
  if (reading.ok) return { key: reading.key, pem: reading.pem };
  const bits = reading.problem === "too_small" && reading.detail ? ` (this one has ${reading.detail} bits)` : "";
  context.addIssue({ code: "custom", message: `${PRIVATE_KEY_PROBLEMS[reading.problem]}${bits}` });
  return z.NEVER;
});

/** `now` decides whether a certificate has expired; dates in messages are shown in UTC. */
const certificate = (now: Date) =>
  pemText("Certificate").transform((text, context) => {
    if (text === null) return null;
    const reading = readCertificate(text);
    if (!reading.ok) {
      context.addIssue({
        code: "custom",
        message:
          reading.problem === "not_rsa"
            ? "Certificate must hold an RSA public key"
            : "Certificate must be a PEM certificate, starting with -----BEGIN CERTIFICATE-----",
      });
      return z.NEVER;
    }
    const notAfter = new Date(reading.certificate.validTo);
    if (notAfter.getTime() <= now.getTime()) {
      context.addIssue({
        code: "custom",
        message: `This certificate expired on ${formatDateTime(notAfter, "UTC")} (UTC). Generate a new key pair and certificate, or paste one that is still valid`,
      });
      return z.NEVER;
    }
    return { x509: reading.certificate, pem: reading.pem };
  });

type ParsedKey = NonNullable<z.output<typeof privateKey>>;
type ParsedCertificate = NonNullable<z.output<ReturnType<typeof certificate>>>;
const provided = (value: unknown) => value !== null && value !== undefined && value !== "";
// A field that failed holds zod's abort marker instead of its output.
const isParsedKey = (value: unknown): value is ParsedKey => typeof value === "object" && value !== null && "key" in value;
const isParsedCertificate = (value: unknown): value is ParsedCertificate => typeof value === "object" && value !== null && "x509" in value;

/**
 * `secretSaved` / `certificateSaved`: whether a client secret / a certificate is already stored. An empty field keeps
 * the saved one; the credential chosen must exist, saved or entered. The other credential is kept as it is, so
 * switching back and forth needs nothing re-entered. A private key and its certificate always come together.
 */
export function office365SettingsSchema({
  secretSaved,
  certificateSaved = false,
  now = new Date(),
}: {
  secretSaved: boolean;
  certificateSaved?: boolean;
  now?: Date;
}) {
  return z
    .object({
      clientId,
      credentialType: z.enum(CREDENTIAL_TYPE_IDS, { error: "Select the credential: a client secret or a certificate" }).default("secret"),
      clientSecret: z
        .string()
        .trim()
        .max(1024, "Client secret must be 1024 characters or fewer")
        .optional()
        .transform((value) => (value ? value : null))
        .refine(
          (value) => value === null || !GUID.test(value),
          "This looks like the secret's ID. In Microsoft Entra, copy the secret's Value instead (it is shown only once, when the secret is created)",
        ),
      privateKey,
      certificate: certificate(now),
      azureAdVersion: z.enum(AZURE_AD_VERSION_IDS, { error: "Select the Azure AD version: Azure AD or Azure AD v2.0" }),
      tenant,
      cloud: z.enum(CLOUD_IDS, { error: "Select the cloud your Microsoft 365 tenant is in" }),
      clientSecretExpiresOn: expiryDate.optional().transform((value) => value ?? null),
    })
    // `when`: run even when a field above failed (its value is then the raw input), so every problem is reported at
    // once; each check below looks only at values that parsed.
    .superRefine((settings, context) => {
      const issue = (field: string, message: string) => context.addIssue({ code: "custom", path: [field], message });
      if (settings.credentialType === "secret" && !provided(settings.clientSecret) && !secretSaved) {
        issue("clientSecret", "Enter the client secret");
      }
      const { privateKey: key, certificate: cert } = settings as { privateKey: unknown; certificate: unknown };
      if (provided(key) && !provided(cert)) issue("certificate", "Paste or upload the certificate that belongs to this private key");
      if (provided(cert) && !provided(key)) issue("privateKey", "Paste or upload the private key that belongs to this certificate");
      if (isParsedKey(key) && isParsedCertificate(cert) && !cert.x509.checkPrivateKey(key.key)) {
        issue(
          "certificate",
          "This certificate does not belong to the private key: its public key is different. Paste the certificate that was issued for this key, or generate a new key pair and certificate",
        );
      }
      if (settings.credentialType === "certificate" && !provided(key) && !provided(cert) && !certificateSaved) {
        issue("privateKey", "Paste or upload a private key and its certificate, or choose Generate a key pair and certificate");
      }
      if (settings.azureAdVersion === "v1" && settings.tenant === "consumers") {
        issue("tenant", "Azure AD (v1.0) cannot sign in personal Microsoft accounts: choose Azure AD v2.0, or enter your organisation's tenant");
      }
    }, { when: (payload) => typeof payload.value === "object" && payload.value !== null })
    .transform(({ privateKey: key, certificate: cert, ...settings }) => ({
      ...settings,
      // The pair, checked to belong together; null when none was entered (the saved one, if any, is kept).
      certificate: key && cert ? { privateKeyPem: key.pem, certificatePem: cert.pem } : null,
    }));
}

export type Office365SettingsInput = z.infer<ReturnType<typeof office365SettingsSchema>>;
