import type { EmulatorContext } from "../context";
import type { App, User } from "../directory";
import { epochSeconds } from "../http";
import type { AccessTokenRecord, AzureAdVersion } from "../tokens";
import { v1IdToken, v2IdToken } from "./id-tokens";

/**
 * Successful token responses. v1.0 sends every number as a string ("3599");
 * v2.0 sends numbers (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response-2).
 */

export interface DelegatedIssue {
  app: App;
  user: User;
  version: AzureAdVersion;
  /** Granted permissions, short names, OIDC scopes included, never offline_access. */
  scopes: string[];
  /** v1: the resource echoed back. */
  resource?: string;
  nonce?: string;
  withRefreshToken: boolean;
  withIdToken: boolean;
}

export async function issueDelegatedTokens(ctx: EmulatorContext, issue: DelegatedIssue): Promise<Record<string, unknown>> {
  const { state } = ctx;
  const lifetime = state.config.accessTokenLifetimeSeconds;
  const access = state.tokens.issueAccessToken(
    {
      kind: "delegated",
      userId: issue.user.id,
      tenantId: issue.user.tenantId,
      clientId: issue.app.clientId,
      scopes: issue.scopes,
      roles: [],
      version: issue.version,
    },
    lifetime,
  );
  const refresh = issue.withRefreshToken
    ? state.tokens.issueRefreshToken({
        userId: issue.user.id,
        tenantId: issue.user.tenantId,
        clientId: issue.app.clientId,
        scopes: issue.scopes,
        version: issue.version,
      })
    : undefined;

  if (issue.version === "v1") {
    return {
      ...v1Envelope(access, lifetime, issue.scopes.join(" "), issue.resource ?? ""),
      ...(refresh ? { refresh_token: refresh.value } : {}),
      ...(issue.withIdToken ? { id_token: v1IdToken(issue.user, issue.app.clientId) } : {}),
    };
  }
  const idToken = issue.withIdToken
    ? await v2IdToken(state.signingKey, ctx.loginUrl, issue.user, issue.app.clientId, { nonce: issue.nonce, scopes: issue.scopes })
    : undefined;
  return {
    token_type: "Bearer",
    scope: issue.scopes.join(" "),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: access.value,
    ...(refresh ? { refresh_token: refresh.value } : {}),
    ...(idToken ? { id_token: idToken } : {}),
  };
}

/** Client credentials: an app-only token; no refresh token, no id_token. */
export function issueAppToken(
  ctx: EmulatorContext,
  app: App,
  tenantId: string,
  version: AzureAdVersion,
  resource: string,
): Record<string, unknown> {
  const lifetime = ctx.state.config.accessTokenLifetimeSeconds;
  // Application permissions count only once an admin consented for that tenant.
  const roles = app.adminConsentedTenants.includes(tenantId) ? [...app.applicationPermissions] : [];
  const access = ctx.state.tokens.issueAccessToken(
    { kind: "app", userId: null, tenantId, clientId: app.clientId, scopes: [], roles, version },
    lifetime,
  );
  if (version === "v1") {
    return v1Envelope(access, lifetime, undefined, resource);
  }
  return { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: access.value };
}

function v1Envelope(access: AccessTokenRecord, lifetime: number, scope: string | undefined, resource: string) {
  const notBefore = epochSeconds(access.issuedAt);
  return {
    token_type: "Bearer",
    ...(scope === undefined ? {} : { scope }),
    expires_in: String(lifetime),
    ext_expires_in: String(lifetime),
    expires_on: String(notBefore + lifetime),
    not_before: String(notBefore),
    resource,
    access_token: access.value,
  };
}
