import { z } from "zod";
import { HubError, type ErrorCode } from "../../errors";

/**
 * Where Microsoft's own error codes meet the hub's catalogue (lib/errors.ts): AADSTS numbers and OAuth errors from
 * the sign-in service, and Graph's HTTP statuses and codes. Nothing else in the hub reads Microsoft's codes.
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes, https://learn.microsoft.com/graph/errors
 *
 * What each kind of sign-in refusal changes in the hub:
 * - invalid_grant: this account's tokens are no longer good → the account needs reconnecting;
 * - invalid_client: the app registration or its secret is refused → the settings need attention, accounts untouched;
 * - transient: throttling, outages, timeouts → retried, nothing marked.
 */
export type MicrosoftErrorKind = "invalid_grant" | "invalid_client" | "transient" | "other";

/** A refusal by Microsoft's sign-in service: the catalogue's code and words, and what kind of refusal it is. */
export class MicrosoftError extends HubError {
  constructor(
    readonly kind: MicrosoftErrorKind,
    failure: HubError,
    readonly aadsts?: number,
  ) {
    super(failure.code, failure.params as never, { cause: failure.cause });
    this.name = "MicrosoftError";
  }
}

/** AADSTS numbers the hub explains in words; any other number is `microsoft_refused` with the number. */
const AADSTS_CODES: Record<number, ErrorCode> = {
  50011: "redirect_uri_mismatch",
  50194: "single_tenant_app",
  700016: "app_not_found",
  7000215: "invalid_client_secret",
  7000222: "client_secret_expired",
  7000218: "no_client_credential",
  700027: "certificate_refused",
  700024: "assertion_out_of_time",
  700021: "assertion_other_app",
  700023: "assertion_other_endpoint",
  50027: "assertion_unreadable",
  5002723: "assertion_without_thumbprint",
  65001: "consent_missing",
  65004: "consent_declined",
  700082: "refresh_token_inactive",
  50173: "grant_revoked",
  70008: "grant_expired",
  70000: "grant_invalid",
  50076: "mfa_required",
  50079: "mfa_setup_required",
  54005: "code_redeemed",
  501481: "code_verifier_mismatch",
  90002: "tenant_not_found",
  500011: "graph_not_in_tenant",
  9001023: "tenant_required",
  901002: "parameter_refused",
};

/** The AADSTS number in error_codes or in the description ("AADSTS70008: …"). */
export function aadstsCode(body: { error_codes?: unknown; error_description?: unknown }): number | undefined {
  const codes = Array.isArray(body.error_codes) ? body.error_codes : [];
  if (typeof codes[0] === "number") return codes[0];
  const match = typeof body.error_description === "string" ? /AADSTS(\d+)/.exec(body.error_description) : null;
  return match ? Number(match[1]) : undefined;
}

/** The catalogue's code for an AADSTS number the hub knows, else undefined. */
export function aadstsErrorCode(aadsts: number | undefined): ErrorCode | undefined {
  return aadsts === undefined ? undefined : AADSTS_CODES[aadsts];
}

/** A refusal Microsoft named with an AADSTS number (or none): the hub's words when it knows the number. */
function refusal(aadsts: number | undefined, detail?: string): HubError {
  const known = aadstsErrorCode(aadsts);
  // The known codes take no parameters (their words name the AADSTS number themselves).
  return known ? new HubError(known as "no_code") : new HubError("microsoft_refused", { aadsts, detail });
}

const tokenErrorBody = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
  suberror: z.string().optional(),
});

const unavailable = (why: { throttled?: boolean; unreachable?: boolean } = {}, cause?: unknown) =>
  new HubError("microsoft_sign_in_unavailable", why, { cause });

/** Microsoft's sign-in service was busy or could not be reached: worth trying again, nothing to mark. */
export const signInUnavailable = (why: { throttled?: boolean; unreachable?: boolean } = {}, cause?: unknown) =>
  new MicrosoftError("transient", unavailable(why, cause));

/** A refusal from the token endpoint, classified. */
export function tokenEndpointError(status: number, json: unknown): MicrosoftError {
  const parsed = tokenErrorBody.safeParse(json);
  if (status === 429 || status >= 500 || !parsed.success) {
    return new MicrosoftError("transient", unavailable({ throttled: status === 429 }), parsed.success ? aadstsCode(parsed.data) : undefined);
  }
  const body = parsed.data;
  const code = aadstsCode(body);
  const failure = refusal(code, body.error_description?.split(/\r?\n/)[0] ?? body.error);
  if (body.error === "invalid_client" || body.error === "unauthorized_client") return new MicrosoftError("invalid_client", failure, code);
  if (body.error === "invalid_grant" || body.error === "interaction_required" || body.error === "consent_required") {
    return new MicrosoftError("invalid_grant", failure, code);
  }
  if (body.error === "temporarily_unavailable" || body.error === "server_error") return new MicrosoftError("transient", unavailable(), code);
  return new MicrosoftError("other", failure, code);
}

/**
 * An error Microsoft sent back to the redirect URI instead of a code (?error=…&error_description=…), as the code the
 * callback passes to the Office 365 page: only our codes travel in the query string, never Microsoft's text.
 */
export function authorizeErrorCode(error: string, aadsts?: number): ErrorCode {
  const known = aadstsErrorCode(aadsts);
  if (known) return known;
  switch (error) {
    case "access_denied":
      return "sign_in_cancelled";
    case "consent_required":
    case "interaction_required":
      return "consent_required";
    case "invalid_client":
    case "unauthorized_client":
      return "app_refused";
    case "permission_denied":
      return "permission_denied";
    case "temporarily_unavailable":
    case "server_error":
      return "microsoft_sign_in_unavailable";
    default:
      return "microsoft_refused";
  }
}

/** What the Graph call was trying to do, so a refusal can name the permission or the thing that was missing. */
export type GraphContext = {
  permission?: string;
  subject?: string;
  /** Who lacks the permission, and what fixes it: a connected account (reconnect) or the app (admin consent). */
  access?: "delegated" | "application";
  /**
   * Another mailbox reached through a connected account that holds the .Shared permission: a 403 then means the
   * mailbox is simply not shared with that account, not that a permission is missing.
   */
  sharedMailbox?: { mailbox: string; account: string };
  /** A Places API call (the room directory): a 403 then means Place.Read.All is missing, whatever Graph's code says. */
  places?: boolean;
};

type GraphFailure = { statusCode?: number; code?: string | null; message?: string; requestId?: string | null };

/**
 * A failed Microsoft Graph call, in words. 429/503/504 have already been retried (graph.ts) and a 401 has already
 * had one token renewal and retry, so what arrives here is final.
 */
export function graphError(error: unknown, context: GraphContext = {}): HubError {
  if (error instanceof HubError) return error;
  const failure = (error ?? {}) as GraphFailure;
  const status = typeof failure.statusCode === "number" ? failure.statusCode : 0;
  const trace = failure.requestId ? ` (Microsoft request ID ${failure.requestId})` : undefined;
  const subject = context.subject ?? "the calendar";
  const options = { cause: error };
  // An event with this transactionId already exists: the earlier attempt did create it.
  if (failure.code === "ErrorDuplicateTransactionId") return new HubError("duplicate_transaction", undefined, options);
  if (status === 401) return new HubError("graph_unauthorized", undefined, options);
  // A delta round's state Microsoft has let go (calendarView delta): the calendar is read again from the start.
  if (status === 410 || failure.code === "SyncStateNotFound") return new HubError("sync_state_expired", undefined, options);
  if (status === 403) {
    if (context.sharedMailbox && failure.code === "ErrorAccessDenied") return new HubError("mailbox_not_shared", context.sharedMailbox, options);
    if (context.places) return new HubError("places_forbidden", { access: context.access }, options);
    return new HubError("graph_forbidden", { permission: context.permission, subject, access: context.access }, options);
  }
  if (status === 404) {
    const unknownMailbox = failure.code === "ErrorInvalidUser" || failure.code === "MailboxNotEnabledForRESTAPI" || failure.code === "Request_ResourceNotFound";
    return new HubError(unknownMailbox ? "mailbox_not_found" : "not_found", { subject }, options);
  }
  if (status === 429) return new HubError("graph_throttled", { subject, trace }, options);
  if (status >= 500) return new HubError("graph_unavailable", { trace }, options);
  if (status >= 400) return new HubError("graph_refused", { detail: failure.message ?? failure.code ?? "unknown reason", trace }, options);
  return new HubError("graph_unreachable", undefined, options);
}

/** Codes that mean Microsoft (or the way to it) was busy or unreachable: nothing says a write was refused. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(["graph_throttled", "graph_unavailable", "graph_unreachable", "microsoft_sign_in_unavailable"]);

export function isTransient(error: HubError): boolean {
  return TRANSIENT.has(error.code) || (error instanceof MicrosoftError && error.kind === "transient");
}
