import { timingSafeEqual } from "node:crypto";
import type { EmulatorContext } from "../context";
import type { App } from "../directory";
import { AADSTS, newTrace, tokenErrorBody, type AadstsError } from "../errors";
import { header, sendJson, type EmulatorRequest, type ResponseSink } from "../http";
import type { AzureAdVersion } from "../tokens";
import { JWT_BEARER, verifyClientAssertion } from "./client-assertion";
import { authorizationCodeGrant, clientCredentialsGrant, refreshTokenGrant, type GrantResult } from "./grants";
import { checkAudience, parseTenantSegment } from "./tenants";

/**
 * POST /{tenant}/oauth2/token (v1.0) and /{tenant}/oauth2/v2.0/token (v2.0), form-encoded.
 * The client authenticates with a secret in the body (client_id, client_secret) or as HTTP Basic, or with a
 * certificate: client_assertion + client_assertion_type (login/client-assertion.ts).
 */
const NO_STORE = { "cache-control": "no-store, no-cache", pragma: "no-cache" };

interface ClientCredentials {
  clientId: string | undefined;
  secret: string | undefined;
  assertion?: { type: string | undefined; value: string | undefined };
}

/** Basic credentials are form-encoded before base64 (RFC 6749 §2.3.1). */
function clientCredentials(req: EmulatorRequest): ClientCredentials {
  const authorization = header(req.headers, "authorization");
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      const decode = (text: string) => decodeURIComponent(text.replaceAll("+", " "));
      return { clientId: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
    }
  }
  const { form } = req;
  const assertion = form.has("client_assertion") || form.has("client_assertion_type")
    ? { type: form.get("client_assertion_type") ?? undefined, value: form.get("client_assertion") ?? undefined }
    : undefined;
  return { clientId: form.get("client_id") ?? undefined, secret: form.get("client_secret") ?? undefined, assertion };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Sending the secret's ID instead of its value is the classic mistake: AADSTS7000215 says so. An expired secret is
 * AADSTS7000222. Both are invalid_client (HTTP 401): fix the settings, do not reconnect.
 */
function authenticateSecret(app: App, secret: string | undefined): AadstsError | null {
  if (!secret) return AADSTS.missingClientSecret();
  const match = app.secrets.find((candidate) => sameSecret(candidate.value, secret));
  if (!match) return AADSTS.invalidClientSecret(app.clientId);
  if (match.expired) return AADSTS.expiredClientSecret(app.clientId);
  return null;
}

async function authenticateClient(
  ctx: EmulatorContext,
  app: App,
  credentials: ClientCredentials,
  tokenEndpoint: string,
): Promise<AadstsError | null> {
  const { assertion } = credentials;
  if (!assertion) return authenticateSecret(app, credentials.secret);
  if (!assertion.value) return AADSTS.missingParameter("client_assertion");
  if (!assertion.type) return AADSTS.missingParameter("client_assertion_type");
  if (assertion.type !== JWT_BEARER) return AADSTS.malformedJwt();
  return verifyClientAssertion({ app, assertion: assertion.value, tokenEndpoint, spent: ctx.state.spentAssertions });
}

export async function handleToken(
  ctx: EmulatorContext,
  req: EmulatorRequest,
  res: ResponseSink,
  version: AzureAdVersion,
  tenantSegment: string,
): Promise<void> {
  const trace = newTrace(header(req.headers, "client-request-id"));
  const fail = (error: AadstsError) =>
    sendJson(res, error.status, tokenErrorBody(error, trace, ctx.loginUrl), {
      ...NO_STORE,
      "client-request-id": trace.correlationId,
      "x-ms-request-id": trace.traceId,
    });

  const { directory } = ctx.state;
  const segment = parseTenantSegment(directory, tenantSegment);
  if (!segment) return fail(AADSTS.tenantNotFound(tenantSegment));
  const { form } = req;
  // v2.0 takes scopes only (https://learn.microsoft.com/entra/identity-platform/migrate-off-resource-parameter).
  if (version === "v2" && form.has("resource")) return fail(AADSTS.resourceNotSupported());
  const grantType = form.get("grant_type");
  if (!grantType) return fail(AADSTS.missingParameter("grant_type"));

  const credentials = clientCredentials(req);
  if (!credentials.clientId) return fail(AADSTS.missingParameter("client_id"));
  const app = directory.app(credentials.clientId);
  if (!app) {
    const name = segment.kind === "tenant" ? segment.tenant.displayName : tenantSegment;
    return fail(AADSTS.appNotFound(credentials.clientId, name));
  }
  // A client assertion's audience is the exact endpoint it was sent to, tenant segment and version included.
  const tokenEndpoint = `${ctx.loginUrl}/${tenantSegment}/oauth2${version === "v2" ? "/v2.0" : ""}/token`;
  const clientError = await authenticateClient(ctx, app, credentials, tokenEndpoint);
  if (clientError) return fail(clientError);
  // Client credentials on /common get their own error (AADSTS9001023) from the grant below.
  if (grantType !== "client_credentials" || segment.kind === "tenant") {
    const audienceError = checkAudience(directory, app, segment, version);
    if (audienceError) return fail(audienceError);
  }

  const input = { ctx, app, form, version, segment };
  let result: GrantResult;
  switch (grantType) {
    case "authorization_code":
      result = await authorizationCodeGrant(input);
      break;
    case "refresh_token":
      result = await refreshTokenGrant(input);
      break;
    case "client_credentials":
      result = clientCredentialsGrant(input);
      break;
    default:
      return fail(AADSTS.unsupportedGrantType(grantType));
  }
  if ("error" in result) return fail(result.error);
  sendJson(res, 200, result.body, { ...NO_STORE, "client-request-id": trace.correlationId, "x-ms-request-id": trace.traceId });
}
