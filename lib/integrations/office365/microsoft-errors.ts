import { z } from "zod";
import { HubError } from "../../errors";

/**
 * What Microsoft's sign-in errors mean for an administrator, and what each one changes in the hub.
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 *
 * - invalid_grant: this account's tokens are no longer good → the account needs reconnecting;
 * - invalid_client: the app registration or its secret is refused → the settings need attention, accounts untouched;
 * - transient: throttling, outages, timeouts → retried, nothing marked.
 */
export type MicrosoftErrorKind = "invalid_grant" | "invalid_client" | "transient" | "other";

export class MicrosoftError extends HubError {
  constructor(
    readonly kind: MicrosoftErrorKind,
    message: string,
    readonly aadsts?: number,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(aadsts ? `AADSTS${aadsts}` : `microsoft_${kind}`, message, { status: options.status ?? 502, cause: options.cause });
    this.name = "MicrosoftError";
  }
}

const AADSTS_MESSAGES: Record<number, string> = {
  50011:
    "Microsoft refused the sign-in because the redirect URI is not registered for the app (AADSTS50011). Add the redirect URI shown on the Office 365 page as a Web redirect URI in Microsoft Entra, exactly as shown.",
  50194:
    "The app registration is single tenant, so Microsoft will not sign in through organizations or common (AADSTS50194). Enter the app's Directory (tenant) ID in Tenant and save.",
  700016:
    "Microsoft cannot find an app with this Client ID in the tenant (AADSTS700016). Check Client ID, Tenant and Cloud, and that the app registration exists in that tenant.",
  7000215:
    "Microsoft rejected the client secret (AADSTS7000215). Enter the secret's Value, not its Secret ID, in Client secret and save. If your organisation does not allow client secrets, choose A certificate under Credential instead.",
  7000218:
    "Microsoft received no client secret or certificate from the hub (AADSTS7000218). Save a client secret or a certificate under Credential on the Office 365 page.",
  700027:
    "Microsoft does not accept the hub's certificate (AADSTS700027): it is not uploaded to this app registration, or it has expired there. Download the certificate from the Office 365 page and upload it in Microsoft Entra under Certificates & secrets, Certificates; the Thumbprint Entra lists must match the one on the Office 365 page.",
  700024:
    "Microsoft refused the hub's signed request as outside its valid time (AADSTS700024). Check that the server's clock is correct (synchronised with NTP), then try again.",
  700021:
    "Microsoft refused the hub's signed request because it names another app (AADSTS700021). Check Client ID: it must be the Application (client) ID of the app registration the certificate is uploaded to.",
  700023:
    "Microsoft refused the hub's signed request because it was addressed to another sign-in endpoint (AADSTS700023). Check Tenant, Cloud and Azure AD version, and MICROSOFT_LOGIN_URL if it is set.",
  50027:
    "Microsoft could not read the hub's signed request (AADSTS50027). Save the certificate again, or generate a new key pair and certificate and upload it to Microsoft Entra.",
  5002723:
    "Microsoft could not tell which certificate signed the hub's request (AADSTS5002723). Save the certificate again on the Office 365 page.",
  7000222:
    "The client secret has expired (AADSTS7000222). Create a new client secret in Microsoft Entra, enter its Value in Client secret, and save.",
  65001:
    "The account has not agreed to the hub's permissions (AADSTS65001). Grant admin consent for the app in Microsoft Entra (API permissions), or reconnect the account and accept the permissions.",
  65004:
    "The permissions request was declined (AADSTS65004), so no account was connected. Connect again and choose Accept, or ask a Microsoft 365 administrator to grant consent for the organisation.",
  700082: "The account's access expired after 90 days without use (AADSTS700082). Reconnect the account.",
  50173:
    "Microsoft revoked the account's access, for example after a password reset or an administrator signed it out everywhere (AADSTS50173). Reconnect the account.",
  70008: "The account's access has expired or was revoked (AADSTS70008). Reconnect the account.",
  70000: "Microsoft no longer accepts the account's sign-in (AADSTS70000). Reconnect the account.",
  50076: "The account must complete multi-factor authentication (AADSTS50076). Reconnect it and complete the extra sign-in step.",
  50079: "The account must set up multi-factor authentication (AADSTS50079). Reconnect it and complete the set-up.",
  54005: "That sign-in had already been used (AADSTS54005). Connect the account again.",
  501481: "Microsoft could not match the sign-in to the request that started it (AADSTS501481). Connect the account again.",
  90002: "Microsoft does not know the tenant entered in Tenant (AADSTS90002). Check it against the Directory (tenant) ID in Microsoft Entra.",
  500011: "Microsoft Graph is not available to the app in this tenant (AADSTS500011). Check Cloud, and that the tenant has Microsoft 365.",
  9001023: "This needs a specific tenant (AADSTS9001023). Enter the Directory (tenant) ID in Tenant instead of organizations or common.",
  901002: "Microsoft refused a request parameter (AADSTS901002). Check that Azure AD version matches the app registration.",
};

/** The AADSTS number in error_codes or in the description ("AADSTS70008: …"). */
export function aadstsCode(body: { error_codes?: unknown; error_description?: unknown }): number | undefined {
  const codes = Array.isArray(body.error_codes) ? body.error_codes : [];
  if (typeof codes[0] === "number") return codes[0];
  const match = typeof body.error_description === "string" ? /AADSTS(\d+)/.exec(body.error_description) : null;
  return match ? Number(match[1]) : undefined;
}

export function explainAadsts(code: number | undefined): string | undefined {
  return code === undefined ? undefined : AADSTS_MESSAGES[code];
}

const tokenErrorBody = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
  suberror: z.string().optional(),
});

/** A refusal from the token endpoint, classified. */
export function tokenEndpointError(status: number, json: unknown): MicrosoftError {
  const parsed = tokenErrorBody.safeParse(json);
  if (status === 429 || status >= 500 || !parsed.success) {
    return new MicrosoftError(
      "transient",
      status === 429
        ? "Microsoft is limiting requests from the hub at the moment. Try again in a minute."
        : "Microsoft's sign-in service did not answer properly. Try again in a few minutes.",
      parsed.success ? aadstsCode(parsed.data) : undefined,
      { status: 503 },
    );
  }
  const body = parsed.data;
  const code = aadstsCode(body);
  const firstLine = body.error_description?.split(/\r?\n/)[0];
  const message = explainAadsts(code) ?? `Microsoft refused the request: ${firstLine ?? body.error}.`;
  if (body.error === "invalid_client" || body.error === "unauthorized_client") return new MicrosoftError("invalid_client", message, code);
  if (body.error === "invalid_grant" || body.error === "interaction_required" || body.error === "consent_required") {
    return new MicrosoftError("invalid_grant", message, code);
  }
  if (body.error === "temporarily_unavailable" || body.error === "server_error") {
    return new MicrosoftError("transient", "Microsoft's sign-in service is temporarily unavailable. Try again in a few minutes.", code, { status: 503 });
  }
  return new MicrosoftError("other", message, code);
}

/** An error Microsoft sent back to the redirect URI instead of a code (?error=…&error_description=…). */
export function describeAuthorizeError(error: string, aadsts?: number): string {
  const known = explainAadsts(aadsts);
  if (known) return known;
  switch (error) {
    case "access_denied":
      return "The sign-in at Microsoft was cancelled or the permissions were declined, so no account was connected. Connect again and accept the permissions.";
    case "consent_required":
    case "interaction_required":
      return "Microsoft needs the account (or an administrator) to agree to the hub's permissions first. Grant admin consent in Microsoft Entra, or connect again and accept.";
    case "invalid_client":
    case "unauthorized_client":
      return "Microsoft does not accept this app registration. Check Client ID, Tenant and Cloud.";
    case "temporarily_unavailable":
    case "server_error":
      return "Microsoft's sign-in service had a problem. Try again in a few minutes.";
    default:
      return `Microsoft did not connect the account (${error}). Check the settings and try again.`;
  }
}

/** What the Graph call was trying to do, so a refusal can name the permission or the thing that was missing. */
export type GraphContext = {
  permission?: string;
  subject?: string;
  /** Who lacks the permission, and what fixes it: a connected account (reconnect) or the app (admin consent). */
  access?: "delegated" | "application";
};

type GraphFailure = { statusCode?: number; code?: string | null; message?: string; requestId?: string | null };

/**
 * A failed Microsoft Graph call, in words. 429/503/504 have already been retried (graph.ts) and a 401 has already
 * had one token renewal and retry, so what arrives here is final.
 * https://learn.microsoft.com/graph/errors
 */
export function graphError(error: unknown, context: GraphContext = {}): HubError {
  if (error instanceof HubError) return error;
  const failure = (error ?? {}) as GraphFailure;
  const status = typeof failure.statusCode === "number" ? failure.statusCode : 0;
  const trace = failure.requestId ? ` (Microsoft request ID ${failure.requestId})` : "";
  const subject = context.subject ?? "the calendar";
  // An event with this transactionId already exists: the earlier attempt did create it.
  if (failure.code === "ErrorDuplicateTransactionId") {
    return new HubError("duplicate_transaction", "Microsoft already has this booking.", { status: 409, cause: error });
  }
  if (status === 401) {
    return new HubError("graph_unauthorized", "Microsoft Graph refused the account's access even after renewing it. Reconnect the account.", { status: 502, cause: error });
  }
  if (status === 403) {
    const permission = context.permission ? ` ${context.permission}` : "";
    const message =
      context.access === "application"
        ? `The app lacks permission${permission} for ${subject}. Add it as an application permission to the app registration in Microsoft Entra, then choose Grant admin consent.`
        : `This account lacks permission${permission} for ${subject}. Add the permission to the app registration in Microsoft Entra, grant consent, then reconnect the account.`;
    return new HubError("graph_forbidden", message, { status: 403, cause: error });
  }
  if (status === 404) {
    const unknownMailbox = failure.code === "ErrorInvalidUser" || failure.code === "MailboxNotEnabledForRESTAPI" || failure.code === "Request_ResourceNotFound";
    return new HubError(
      unknownMailbox ? "mailbox_not_found" : "not_found",
      unknownMailbox
        ? `Microsoft 365 has no mailbox for ${subject}. Check the address, and that the mailbox exists in Exchange Online.`
        : `Microsoft could not find ${subject}. It may have been deleted.`,
      { status: 404, cause: error },
    );
  }
  if (status === 429) {
    return new HubError("graph_throttled", `Microsoft is limiting requests for ${subject} at the moment. Try again in a minute.${trace}`, { status: 503, cause: error });
  }
  if (status >= 500) {
    return new HubError("graph_unavailable", `Microsoft Graph is not answering properly at the moment. Try again in a few minutes.${trace}`, { status: 503, cause: error });
  }
  if (status >= 400) {
    return new HubError("graph_refused", `Microsoft refused the request: ${failure.message ?? failure.code ?? "unknown reason"}.${trace}`, { status: 502, cause: error });
  }
  return new HubError("graph_unreachable", "The hub could not reach Microsoft Graph. Check the server's outbound connection, then try again.", {
    status: 503,
    cause: error,
  });
}
