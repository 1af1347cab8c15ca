import type { EmulatorContext } from "../context";
import { AADSTS, newTrace, type AadstsError } from "../errors";
import { guid, header, redirectWithQuery, sendHtml, type EmulatorRequest, type ResponseSink } from "../http";
import type { AdminConsentRequest } from "../state";
import type { AzureAdVersion } from "../tokens";
import { adminConsentPage, errorPage, notSupportedPage } from "./pages";
import { checkAudience, parseTenantSegment } from "./tenants";

/**
 * Admin consent grants the app's application permissions for a whole tenant.
 * v2.0: GET /{tenant}/v2.0/adminconsent?client_id&scope&redirect_uri&state
 * (https://learn.microsoft.com/entra/identity-platform/v2-admin-consent); v1.0: GET /{tenant}/adminconsent.
 */
export const CONSENT_PATH = "/_emulator/consent";

function showError(req: EmulatorRequest, res: ResponseSink, error: AadstsError): void {
  sendHtml(res, 400, errorPage(error, newTrace(header(req.headers, "client-request-id"))));
}

export function handleAdminConsent(
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
  if (!app) return showError(req, res, AADSTS.appNotFound(clientId, segment.kind === "tenant" ? segment.tenant.displayName : tenantSegment));
  const audienceError = checkAudience(directory, app, segment, version);
  if (audienceError) return showError(req, res, audienceError);
  if (segment.kind === "consumers" || (segment.kind === "tenant" && segment.tenant.kind === "personal")) {
    return sendHtml(res, 400, notSupportedPage("Personal Microsoft accounts have no administrator to consent."));
  }
  const sentRedirectUri = q.get("redirect_uri");
  if (sentRedirectUri === null && app.redirectUris.length === 0) return showError(req, res, AADSTS.noReplyAddress());
  const redirectUri = sentRedirectUri ?? app.redirectUris[0]!;
  if (!app.redirectUris.includes(redirectUri)) return showError(req, res, AADSTS.redirectUriMismatch(redirectUri, app.clientId));

  const homeFirst = [...directory.workTenants()].sort((a, b) => Number(b.id === app.homeTenantId) - Number(a.id === app.homeTenantId));
  const request: AdminConsentRequest = {
    version,
    tenantSegment,
    clientId: app.clientId,
    redirectUri,
    state: q.get("state") ?? undefined,
    scope: version === "v2" ? (q.get("scope") ?? undefined) : undefined,
    tenantIds: segment.kind === "tenant" ? [segment.tenant.id] : homeFirst.map((tenant) => tenant.id),
  };

  // Armed through POST /_emulator/next-admin-consent: answer without the page, once.
  const armed = ctx.state.nextAdminConsent;
  if (armed) {
    ctx.state.nextAdminConsent = null;
    const tenant = armed.tenant === undefined ? request.tenantIds[0] : directory.tenantByIdOrDomain(armed.tenant)?.id;
    if (armed.accept && (tenant === undefined || !request.tenantIds.includes(tenant))) {
      return sendHtml(res, 400, notSupportedPage(`Tenant '${armed.tenant}' cannot consent through /${tenantSegment}.`));
    }
    return finishAdminConsent(ctx, res, request, armed.accept, tenant ?? request.tenantIds[0]!);
  }

  const pendingId = guid();
  ctx.state.pendingAdminConsents.set(pendingId, request);
  const tenants = request.tenantIds.map((id) => directory.tenant(id));
  sendHtml(res, 200, adminConsentPage(app, tenants, app.applicationPermissions, pendingId, ctx.loginUrl + CONSENT_PATH));
}

/** POST from the consent page: "Accept" or "Cancel". */
export function handleAdminConsentSubmit(ctx: EmulatorContext, req: EmulatorRequest, res: ResponseSink): void {
  const pendingId = req.form.get("pending") ?? "";
  const request = ctx.state.pendingAdminConsents.get(pendingId);
  if (!request) return sendHtml(res, 400, notSupportedPage("This consent request is unknown or was already completed; start again."));
  ctx.state.pendingAdminConsents.delete(pendingId);
  const tenant = req.form.get("tenant") ?? request.tenantIds[0]!;
  if (!request.tenantIds.includes(tenant)) return sendHtml(res, 400, notSupportedPage(`Tenant '${tenant}' was not offered.`));
  finishAdminConsent(ctx, res, request, req.form.get("accept") === "true", tenant);
}

function finishAdminConsent(
  ctx: EmulatorContext,
  res: ResponseSink,
  request: AdminConsentRequest,
  accept: boolean,
  tenantId: string,
): void {
  if (!accept) {
    if (request.version === "v1") {
      return redirectWithQuery(res, request.redirectUri, {
        error: "permission_denied",
        error_description: "The admin canceled the request",
        state: request.state,
      });
    }
    return redirectWithQuery(res, request.redirectUri, {
      error: "access_denied",
      error_subcode: "cancel",
      error_description: `AADSTS65004: ${AADSTS.declined().message}`,
      state: request.state,
    });
  }
  const app = ctx.state.directory.app(request.clientId);
  if (app && !app.adminConsentedTenants.includes(tenantId)) app.adminConsentedTenants.push(tenantId);
  if (app && !app.servicePrincipalTenants.includes(tenantId)) app.servicePrincipalTenants.push(tenantId);
  // Microsoft spells it "True", capitalised.
  redirectWithQuery(res, request.redirectUri, {
    admin_consent: "True",
    tenant: tenantId,
    scope: request.version === "v2" ? request.scope : undefined,
    state: request.state,
  });
}
