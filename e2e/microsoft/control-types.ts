import { z } from "zod";

/** The control API's request bodies (validated by control.ts) and responses (read by control-client.ts). */

export type Service = "login" | "graph" | "other";

const signInAudience = z.enum([
  "AzureADMyOrg",
  "AzureADMultipleOrgs",
  "AzureADandPersonalMicrosoftAccount",
  "PersonalMicrosoftAccount",
]);

export const appSettingsSchema = z.strictObject({
  secrets: z
    .array(z.strictObject({ value: z.string().min(1), id: z.string().optional(), expired: z.boolean().optional() }))
    .optional(),
  redirectUris: z.array(z.string()).optional(),
  signInAudience: signInAudience.optional(),
  delegatedPermissions: z.array(z.string()).optional(),
  applicationPermissions: z.array(z.string()).optional(),
  adminConsentedTenants: z.array(z.string()).optional(),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/** A certificate to upload to an app, as in Entra's Certificates & secrets: PEM (or base64 DER), public part only. */
export const certificateUploadSchema = z.strictObject({ certificate: z.string().min(1) });
export type CertificateUpload = z.infer<typeof certificateUploadSchema>;

/** An uploaded certificate as Entra lists it. */
export interface UploadedCertificate {
  keyId: string;
  /** SHA-1 of the DER, upper-case hex. */
  thumbprint: string;
  startDateTime: string;
  endDateTime: string;
}

export const nextSignInSchema = z.union([
  z.strictObject({ email: z.string().min(1) }),
  z.strictObject({ decline: z.literal(true) }),
]);
export type NextSignIn = z.infer<typeof nextSignInSchema>;

export const nextAdminConsentSchema = z.strictObject({
  accept: z.boolean(),
  /** The admin's tenant (GUID or domain) when the request used /organizations or /common; default: the app's home tenant. */
  tenant: z.string().optional(),
});
export type NextAdminConsent = z.infer<typeof nextAdminConsentSchema>;

export const revokeSchema = z.strictObject({ reason: z.enum(["revoked", "inactive", "consent"]).optional() });
export type RevokeOptions = z.infer<typeof revokeSchema>;

/** A mailbox added to a tenant at run time (the tenant is the one whose domain the address has). */
export const newMailboxSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email(),
  displayName: z.string().trim().min(1),
  /** Rooms and shared mailboxes cannot sign in; a user can (through the account picker or nextSignIn). */
  kind: z.enum(["user", "room", "shared"]),
});
export type NewMailbox = z.input<typeof newMailboxSchema>;

export interface ControlMailbox {
  id: string;
  email: string;
  displayName: string;
  kind: "user" | "room" | "shared";
  tenantId: string;
  /** The id of its default calendar, "Calendar". */
  calendarId: string;
}

export const configSchema = z.strictObject({
  accessTokenLifetimeSeconds: z.number().int().min(0).optional(),
  /** Graph requests one app may have in flight per mailbox before 429 ApplicationThrottled (default 4; 0 = no limit). */
  mailboxConcurrencyLimit: z.number().int().min(0).optional(),
  /** Largest calendarView / events page, below Graph's 1000 (default 1000): forces paging with few events. */
  maxPageSize: z.number().int().min(1).max(1000).optional(),
});
export type EmulatorConfig = z.infer<typeof configSchema>;
/** The settings in force, as POST /_emulator/config answers them. */
export type EmulatorSettings = Required<EmulatorConfig>;

export const faultSchema = z.strictObject({
  service: z.enum(["login", "graph"]),
  method: z.string().optional(),
  /** A RegExp source, tested against the path without the /login or /graph prefix (e.g. "^/v1\\.0/me$"). */
  pathPattern: z.string().refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, "not a valid regular expression"),
  times: z.number().int().min(1).optional(),
  status: z.number().int().min(100).max(599).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  delayMs: z.number().int().min(0).optional(),
  /**
   * Process the request normally (the event IS created), then answer with this fault instead (after delayMs):
   * a response lost on its way back.
   */
  afterHandling: z.boolean().optional(),
});
export type FaultSpec = z.infer<typeof faultSchema>;

export interface LoggedRequest {
  at: string;
  service: Service;
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  json: unknown;
  headers: {
    authorization: string | undefined;
    "client-request-id": string | undefined;
    prefer: string | undefined;
    "content-type": string | undefined;
  };
  /** Null while the response is still being written. */
  status: number | null;
  /** Set on requests that arrived inside a Graph $batch: the item's id (the $batch itself is logged too). */
  batchItemId?: string;
}

export interface UserTokens {
  refreshTokens: {
    value: string;
    issuedAt: string;
    revoked: boolean;
    reason: "revoked" | "inactive" | "consent" | null;
    clientId: string;
    scopes: string[];
  }[];
  accessTokens: { value: string; issuedAt: string; expiresAt: string; expired: boolean; clientId: string; scopes: string[] }[];
}
