import { createHash } from "node:crypto";
import type { EmulatorContext } from "../context";
import { GRAPH_APP_ID, GRAPH_RESOURCE, type App } from "../directory";
import { AADSTS, type AadstsError } from "../errors";
import type { AuthorizationCode } from "../state";
import type { AzureAdVersion } from "../tokens";
import { grantedScopes, isGraphResource, parseScopes, v1GrantedScopes } from "./scopes";
import type { TenantSegment } from "./tenants";
import { issueAppToken, issueDelegatedTokens } from "./token-responses";

/** The three grants the hub uses, each answering with a token response body or an AADSTS error. */
export type GrantResult = { body: Record<string, unknown> } | { error: AadstsError };

export interface GrantInput {
  ctx: EmulatorContext;
  app: App;
  form: URLSearchParams;
  version: AzureAdVersion;
  segment: TenantSegment;
}

function tenantName(ctx: EmulatorContext, segment: TenantSegment, fallbackTenantId: string): string {
  return segment.kind === "tenant" ? segment.tenant.displayName : ctx.state.directory.tenant(fallbackTenantId).displayName;
}

/** PKCE (RFC 7636): S256 compares base64url(SHA-256(verifier)); plain compares the strings. */
function verifierMatches(code: AuthorizationCode, verifier: string): boolean {
  if (code.codeChallengeMethod === "S256") return createHash("sha256").update(verifier).digest("base64url") === code.codeChallenge;
  return verifier === code.codeChallenge;
}

/**
 * v1.0 takes the resource in the authorize request, the token request or both; the authorize request already refused
 * anything but Microsoft Graph, the only resource in the emulator's directory.
 */
function v1Resource(input: GrantInput, fromAuthorize: string | undefined, tenantId: string): { resource: string } | { error: AadstsError } {
  const sent = input.form.get("resource") ?? undefined;
  const resource = sent ?? fromAuthorize;
  if (resource === undefined) return { error: AADSTS.resourceMissing() };
  if (!isGraphResource(resource)) {
    return { error: AADSTS.resourceNotFound(resource, tenantName(input.ctx, input.segment, tenantId)) };
  }
  return { resource };
}

export async function authorizationCodeGrant(input: GrantInput): Promise<GrantResult> {
  const { ctx, app, form, version } = input;
  const value = form.get("code");
  if (!value) return { error: AADSTS.missingParameter("code") };
  const code = ctx.state.codes.get(value);
  if (!code) return { error: AADSTS.malformedGrant() };
  if (code.clientId !== app.clientId) return { error: AADSTS.grantForOtherClient() };
  // Codes are single use (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#redeem-a-code-for-an-access-token).
  if (code.redeemed) return { error: AADSTS.codeRedeemed() };
  if (code.expiresAt.getTime() <= Date.now()) return { error: AADSTS.codeExpired() };
  const redirectUri = form.get("redirect_uri");
  if (redirectUri === null) return { error: AADSTS.missingParameter("redirect_uri") };
  if (redirectUri !== code.redirectUri) return { error: AADSTS.redirectUriDiffers(redirectUri, code.redirectUri) };
  if (code.codeChallenge !== undefined && !verifierMatches(code, form.get("code_verifier") ?? "")) {
    return { error: AADSTS.pkceMismatch() };
  }

  const user = ctx.state.directory.userById(code.userId);
  // A user's consent creates the app's service principal in their tenant.
  if (!app.servicePrincipalTenants.includes(user.tenantId)) app.servicePrincipalTenants.push(user.tenantId);
  if (version === "v1") {
    const resource = v1Resource(input, code.resource, user.tenantId);
    if ("error" in resource) return resource;
    code.redeemed = true;
    const body = await issueDelegatedTokens(ctx, {
      app,
      user,
      version,
      scopes: v1GrantedScopes(app),
      resource: resource.resource,
      withRefreshToken: true,
      withIdToken: true,
    });
    return { body };
  }

  // A v2.0 code carries its scopes; a v1.0 code redeemed here takes them from the token request.
  const requestedScope = code.version === "v2" ? code.scopes.join(" ") : (form.get("scope") ?? "");
  const parsed = parseScopes(requestedScope);
  if ("invalid" in parsed) return { error: AADSTS.invalidScope(parsed.invalid) };
  code.redeemed = true;
  const scopes = grantedScopes(app, parsed.scopes);
  const body = await issueDelegatedTokens(ctx, {
    app,
    user,
    version,
    scopes,
    nonce: code.nonce,
    // Without offline_access, v2.0 returns no refresh token.
    withRefreshToken: parsed.scopes.offlineAccess,
    withIdToken: parsed.scopes.oidc.includes("openid"),
  });
  return { body };
}

/**
 * Every successful refresh returns a new refresh token; the old one stays valid until it is revoked or expires
 * (https://learn.microsoft.com/entra/identity-platform/refresh-tokens). Clients must store the newest.
 */
export async function refreshTokenGrant(input: GrantInput): Promise<GrantResult> {
  const { ctx, app, form, version } = input;
  const value = form.get("refresh_token");
  if (!value) return { error: AADSTS.missingParameter("refresh_token") };
  const record = ctx.state.tokens.refreshToken(value);
  if (!record) return { error: AADSTS.malformedGrant() };
  if (record.clientId !== app.clientId) return { error: AADSTS.grantForOtherClient() };
  if (record.revoked) {
    if (record.reason === "inactive") return { error: AADSTS.refreshInactive(record.issuedAt) };
    if (record.reason === "consent") return { error: AADSTS.consentRequired(app.clientId, app.displayName) };
    return { error: AADSTS.grantRevoked(record.issuedAt, record.revokedAt ?? new Date()) };
  }
  const user = ctx.state.directory.userById(record.userId);

  if (version === "v1") {
    const resource = v1Resource(input, GRAPH_RESOURCE, user.tenantId);
    if ("error" in resource) return resource;
    const body = await issueDelegatedTokens(ctx, {
      app,
      user,
      version,
      scopes: v1GrantedScopes(app),
      resource: resource.resource,
      withRefreshToken: true,
      withIdToken: false,
    });
    return { body };
  }

  const scope = form.get("scope");
  let scopes = record.scopes;
  if (scope) {
    const parsed = parseScopes(scope);
    if ("invalid" in parsed) return { error: AADSTS.invalidScope(parsed.invalid) };
    scopes = grantedScopes(app, parsed.scopes);
  }
  const body = await issueDelegatedTokens(ctx, {
    app,
    user,
    version,
    scopes,
    withRefreshToken: true,
    withIdToken: scopes.includes("openid"),
  });
  return { body };
}

const GRAPH_DEFAULT_SCOPES = [`${GRAPH_RESOURCE}/.default`, `${GRAPH_APP_ID}/.default`];

/** https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow */
export function clientCredentialsGrant(input: GrantInput): GrantResult {
  const { ctx, app, form, version, segment } = input;
  // App-only tokens belong to one tenant: /common, /organizations and /consumers cannot say which.
  if (segment.kind !== "tenant" || segment.tenant.kind !== "work") return { error: AADSTS.grantNotSupportedOnCommon() };
  const tenantId = segment.tenant.id;
  // Nobody in this tenant has consented to the app: Microsoft does not know it there.
  if (!app.servicePrincipalTenants.includes(tenantId)) return { error: AADSTS.appNotFound(app.clientId, segment.tenant.displayName) };

  if (version === "v1") {
    const resource = v1Resource(input, undefined, tenantId);
    if ("error" in resource) return resource;
    return { body: issueAppToken(ctx, app, tenantId, version, resource.resource) };
  }
  const scope = form.get("scope");
  if (!scope) return { error: AADSTS.missingParameter("scope") };
  if (!GRAPH_DEFAULT_SCOPES.includes(scope.trim().toLowerCase())) {
    if (scope.trim().endsWith("/.default")) {
      return { error: AADSTS.resourceNotFound(scope.trim().slice(0, -"/.default".length), segment.tenant.displayName) };
    }
    return { error: AADSTS.clientCredentialsScope(scope) };
  }
  return { body: issueAppToken(ctx, app, tenantId, version, GRAPH_RESOURCE) };
}
