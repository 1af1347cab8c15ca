import type { EmulatorContext } from "../context";
import { PERSONAL_TENANT_ID } from "../directory";
import { AADSTS, newTrace, tokenErrorBody } from "../errors";
import { sendJson, type ResponseSink } from "../http";
import { parseTenantSegment } from "./tenants";

/**
 * OpenID Connect discovery and signing keys (https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc).
 * For /common and /organizations the issuer keeps the literal "{tenantid}" placeholder: clients substitute the
 * token's tid before comparing.
 */

function unknownTenant(ctx: EmulatorContext, res: ResponseSink, segment: string): void {
  const error = { ...AADSTS.tenantNotFound(segment), error: "invalid_tenant" };
  sendJson(res, 400, tokenErrorBody(error, newTrace(), ctx.loginUrl));
}

function issuerTenant(ctx: EmulatorContext, segment: string): string | undefined {
  const parsed = parseTenantSegment(ctx.state.directory, segment);
  if (!parsed) return undefined;
  if (parsed.kind === "tenant") return parsed.tenant.id;
  return parsed.kind === "consumers" ? PERSONAL_TENANT_ID : "{tenantid}";
}

export function handleV2Configuration(ctx: EmulatorContext, res: ResponseSink, segment: string): void {
  const tid = issuerTenant(ctx, segment);
  if (!tid) return unknownTenant(ctx, res, segment);
  const base = `${ctx.loginUrl}/${segment}`;
  sendJson(res, 200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${ctx.loginUrl}/${tid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.graphUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud",
      "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email",
    ],
    tenant_region_scope: null,
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    rbac_url: "https://pas.windows.net",
  });
}

/** v1.0 discovery: issuer https://sts.windows.net/{tid}/, keys at /common/discovery/keys. */
export function handleV1Configuration(ctx: EmulatorContext, res: ResponseSink, segment: string): void {
  const tid = issuerTenant(ctx, segment);
  if (!tid) return unknownTenant(ctx, res, segment);
  const base = `${ctx.loginUrl}/${segment}`;
  sendJson(res, 200, {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${ctx.loginUrl}/common/discovery/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "token id_token", "token"],
    scopes_supported: ["openid"],
    issuer: `https://sts.windows.net/${tid}/`,
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${base}/oauth2/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "amr", "nonce", "email", "given_name", "family_name", "nickname"],
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
  });
}

/** The same key for every tenant, as at Microsoft (their keys are shared across tenants). */
export function handleKeys(ctx: EmulatorContext, res: ResponseSink, segment: string): void {
  if (!issuerTenant(ctx, segment)) return unknownTenant(ctx, res, segment);
  sendJson(res, 200, { keys: [ctx.state.signingKey.publicJwk] });
}
