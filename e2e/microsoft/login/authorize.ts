import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "../context";
import { AADSTS, describe, newTrace, type AadstsError } from "../errors";
import { guid, header, redirectWithQuery, sendHtml, type EmulatorRequest, type ResponseSink } from "../http";
import { CODE_LIFETIME_MS, type AuthorizeRequest } from "../state";
import type { AzureAdVersion } from "../tokens";
import { accountPickerPage, errorPage, notSupportedPage } from "./pages";
import { isGraphResource, parseScopes } from "./scopes";
import { checkAudience, checkUserMaySignIn, eligibleUsers, parseTenantSegment } from "./tenants";

/**
 * GET /{tenant}/oauth2/authorize (v1.0) and /{tenant}/oauth2/v2.0/authorize (v2.0).
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#request-an-authorization-code
 *
 * Microsoft checks the tenant, the client and the redirect URI first and shows its own error page when they are
 * wrong: it never redirects to an unverified address. Later errors go back to the redirect URI.
 */
export const PICKER_PATH = "/_emulator/pick";

function showError(req: EmulatorRequest, res: ResponseSink, error: AadstsError): void {
  sendHtml(res, 400, errorPage(error, newTrace(header(req.headers, "client-request-id"))));
}

function redirectError(res: ResponseSink, request: Pick<AuthorizeRequest, "redirectUri" | "state">, error: AadstsError): void {
  redirectWithQuery(res, request.redirectUri, {
    error: error.error,
    error_description: describe(error, newTrace()),
    state: request.state,
  });
}

export function handleAuthorize(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  res: ResponseSink,
  version: AzureAdVersion,
  tenantSegment: string,
): void {
  const { directory } = ctx.state;
  const q = req.query;
  const segment = parseTenantSegment(directory, tenantSegment);
  if (!segment) return showError(req, res, AADSTS.tenantNotFound(tenantSegment));

  const clientId = q.get("client_id");
  if (!clientId) return showError(req, res, AADSTS.missingParameter("client_id"));
  const app = directory.app(clientId);
  if (!app) {
    const directoryName = segment.kind === "tenant" ? segment.tenant.displayName : tenantSegment;
    return showError(req, res, AADSTS.appNotFound(clientId, directoryName));
  }
  const audienceError = checkAudience(directory, app, segment, version);
  if (audienceError) return showError(req, res, audienceError);

  // Redirect URIs match exactly, character for character (https://learn.microsoft.com/entra/identity-platform/reply-url).
  const sentRedirectUri = q.get("redirect_uri");
  if (sentRedirectUri === null && app.redirectUris.length === 0) return showError(req, res, AADSTS.noReplyAddress());
  const redirectUri = sentRedirectUri ?? app.redirectUris[0]!;
  if (!app.redirectUris.includes(redirectUri)) {
    return showError(req, res, AADSTS.redirectUriMismatch(redirectUri, app.clientId));
  }
  const responseMode = q.get("response_mode");
  if (responseMode !== null && responseMode !== "query") {
    return sendHtml(res, 400, notSupportedPage(`The emulator supports response_mode=query only, not '${responseMode}'.`));
  }

  const state = q.get("state") ?? undefined;
  const target = { redirectUri, state };
  const responseType = q.get("response_type");
  if (!responseType) return redirectError(res, target, AADSTS.missingParameter("response_type"));
  if (responseType !== "code") return redirectError(res, target, AADSTS.unsupportedResponseType(responseType));

  let scopes: string[] = [];
  const resource = q.get("resource") ?? undefined;
  if (version === "v2") {
    if (resource !== undefined) return redirectError(res, target, AADSTS.resourceNotSupported());
    const scope = q.get("scope");
    if (!scope) return redirectError(res, target, AADSTS.missingParameter("scope"));
    const parsed = parseScopes(scope);
    if ("invalid" in parsed) return redirectError(res, target, AADSTS.invalidScope(parsed.invalid));
    scopes = scope.split(" ").filter(Boolean);
  } else if (resource !== undefined && !isGraphResource(resource)) {
    const tenantName = segment.kind === "tenant" ? segment.tenant.displayName : tenantSegment;
    return redirectError(res, target, AADSTS.resourceNotFound(resource, tenantName));
  }

  const codeChallenge = q.get("code_challenge") ?? undefined;
  const method = q.get("code_challenge_method") ?? (codeChallenge ? "plain" : undefined);
  if (method !== undefined && method !== "S256" && method !== "plain") {
    return sendHtml(res, 400, notSupportedPage(`code_challenge_method must be S256 or plain, not '${method}'.`));
  }

  const request: AuthorizeRequest = {
    version,
    tenantSegment,
    clientId: app.clientId,
    redirectUri,
    state,
    scopes,
    resource,
    nonce: q.get("nonce") ?? undefined,
    codeChallenge,
    codeChallengeMethod: method,
    eligibleUserIds: eligibleUsers(directory, app, segment, version).map((user) => user.id),
  };

  // Armed through POST /_emulator/next-sign-in: finish without showing the picker, once.
  const armed = ctx.state.nextSignIn;
  if (armed) {
    ctx.state.nextSignIn = null;
    return finishSignIn(ctx, req, res, request, "decline" in armed ? { decline: true } : { email: armed.email });
  }
  // The emulator keeps no browser session, so a silent request never finds a signed-in user.
  if (q.get("prompt") === "none") return redirectError(res, target, AADSTS.loginRequired());

  const pendingId = guid();
  ctx.state.pendingSignIns.set(pendingId, request);
  const users = request.eligibleUserIds.map((id) => directory.userById(id));
  sendHtml(res, 200, accountPickerPage(app, users, pendingId, ctx.loginUrl + PICKER_PATH));
}

/** POST from the account picker: a "Sign in as …" button or "Decline". */
export function handlePickerSubmit(ctx: EmulatorContext, req: EmulatorRequest, res: ResponseSink): void {
  const pendingId = req.form.get("pending") ?? "";
  const request = ctx.state.pendingSignIns.get(pendingId);
  if (!request) return sendHtml(res, 400, notSupportedPage("This sign-in request is unknown or was already completed; start again."));
  ctx.state.pendingSignIns.delete(pendingId);
  const email = req.form.get("email");
  finishSignIn(ctx, req, res, request, email && req.form.get("decline") === null ? { email } : { decline: true });
}

function finishSignIn(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  res: ResponseSink,
  request: AuthorizeRequest,
  choice: { email: string } | { decline: true },
): void {
  if ("decline" in choice) {
    // What Microsoft sends when the user cancels the consent prompt (error_subcode=cancel included).
    return redirectWithQuery(res, request.redirectUri, {
      error: "access_denied",
      error_subcode: "cancel",
      error_description: `AADSTS65004: ${AADSTS.declined().message}`,
      state: request.state,
    });
  }
  const { directory } = ctx.state;
  const app = directory.app(request.clientId);
  const segment = parseTenantSegment(directory, request.tenantSegment);
  if (!app || !segment) return showError(req, res, AADSTS.tenantNotFound(request.tenantSegment));
  const checked = checkUserMaySignIn(directory, app, segment, request.eligibleUserIds, choice.email);
  if ("error" in checked) return showError(req, res, checked.error);

  const code = `emu-code-${randomBytes(32).toString("base64url")}`;
  ctx.state.codes.set(code, {
    ...request,
    value: code,
    userId: checked.user.id,
    tenantId: checked.user.tenantId,
    expiresAt: new Date(Date.now() + CODE_LIFETIME_MS),
    redeemed: false,
  });
  redirectWithQuery(res, request.redirectUri, { code, state: request.state, session_state: guid() });
}
