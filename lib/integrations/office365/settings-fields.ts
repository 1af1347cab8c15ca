import type { CredentialType } from "../../db/enums";

/**
 * The Office 365 settings form's fields and their labels, apart from the schema (settings-schema.ts) so that the
 * form, a client component, can import them without the certificate checks that need Node's crypto.
 */
export const SETTINGS_FIELDS = [
  "clientId",
  "credentialType",
  "clientSecret",
  "privateKey",
  "certificate",
  "azureAdVersion",
  "tenant",
  "cloud",
  "clientSecretExpiresOn",
] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export const FIELD_LABELS: Record<SettingsField, string> = {
  clientId: "Client ID",
  credentialType: "Credential",
  clientSecret: "Client secret",
  privateKey: "Private key",
  certificate: "Certificate",
  azureAdVersion: "Azure AD version",
  tenant: "Tenant",
  cloud: "Cloud",
  clientSecretExpiresOn: "Client secret expires on",
};

/** How the hub proves to Microsoft that it is the app registration: a shared secret, or a key only it holds. */
export const CREDENTIAL_TYPES = {
  secret: {
    label: "A client secret",
    hint: "A password the app registration shares with Microsoft. Some organisations forbid them (an app management policy in Microsoft Entra).",
  },
  certificate: {
    label: "A certificate",
    hint: "The hub keeps a private key and signs every request to Microsoft with it; Microsoft Entra holds only the public certificate. Works where client secrets are forbidden.",
  },
} as const satisfies Record<CredentialType, unknown>;
export type { CredentialType };
export const CREDENTIAL_TYPE_IDS = Object.keys(CREDENTIAL_TYPES) as [CredentialType, ...CredentialType[]];

/** The `intent` of the form's second submit button: save with a key pair and certificate generated on the server. */
export const GENERATE_CERTIFICATE_INTENT = "generate-certificate";
