import { z } from "zod";
import { CLOUD_IDS } from "./clouds";

/** The Office 365 settings form: one schema, used by the page, the server action and the settings service. */
export const AZURE_AD_VERSIONS = {
  v1: { label: "Azure AD", hint: "The v1.0 endpoints (/oauth2/authorize with a resource)" },
  v2: { label: "Azure AD v2.0", hint: "The v2.0 endpoints (/oauth2/v2.0/authorize with scopes). Choose this for new app registrations." },
} as const;
export type AzureAdVersion = keyof typeof AZURE_AD_VERSIONS;
export const AZURE_AD_VERSION_IDS = Object.keys(AZURE_AD_VERSIONS) as [AzureAdVersion, ...AzureAdVersion[]];

export const SETTINGS_FIELDS = ["clientId", "clientSecret", "azureAdVersion", "tenant", "cloud", "clientSecretExpiresOn"] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export const FIELD_LABELS: Record<SettingsField, string> = {
  clientId: "Client ID",
  clientSecret: "Client secret",
  azureAdVersion: "Azure AD version",
  tenant: "Tenant",
  cloud: "Cloud",
  clientSecretExpiresOn: "Client secret expires on",
};

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

/**
 * `secretSaved`: whether a client secret is already stored. Then an empty Client secret field keeps it; otherwise
 * one must be entered.
 */
export function office365SettingsSchema({ secretSaved }: { secretSaved: boolean }) {
  return z
    .object({
      clientId,
      clientSecret: z
        .string()
        .trim()
        .max(1024, "Client secret must be 1024 characters or fewer")
        .optional()
        .transform((value) => (value ? value : null))
        .refine((value) => value !== null || secretSaved, "Enter the client secret")
        .refine(
          (value) => value === null || !GUID.test(value),
          "This looks like the secret's ID. In Microsoft Entra, copy the secret's Value instead (it is shown only once, when the secret is created)",
        ),
      azureAdVersion: z.enum(AZURE_AD_VERSION_IDS, { error: "Select the Azure AD version: Azure AD or Azure AD v2.0" }),
      tenant,
      cloud: z.enum(CLOUD_IDS, { error: "Select the cloud your Microsoft 365 tenant is in" }),
      clientSecretExpiresOn: expiryDate.optional().transform((value) => value ?? null),
    })
    .superRefine((settings, context) => {
      if (settings.azureAdVersion === "v1" && settings.tenant === "consumers") {
        context.addIssue({
          code: "custom",
          path: ["tenant"],
          message: "Azure AD (v1.0) cannot sign in personal Microsoft accounts: choose Azure AD v2.0, or enter your organisation's tenant",
        });
      }
    });
}

export type Office365SettingsInput = z.infer<ReturnType<typeof office365SettingsSchema>>;
