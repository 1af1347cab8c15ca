import { timingSafeEqual } from "node:crypto";
import type { EmulatorContext } from "../context";
import type { App } from "../directory";
import { AADSTS, newTrace, tokenErrorBody, type AadstsError } from "../errors";
import { header, sendJson, type EmulatorRequest, type ResponseSink } from "../http";
import type { AzureAdVersion } from "../tokens";
import { authorizationCodeGrant, clientCredentialsGrant, refreshTokenGrant, type GrantResult } from "./grants";
import { checkAudience, parseTenantSegment } from "./tenants";

/**
 * POST /{tenant}/oauth2/token (v1.0) and /{tenant}/oauth2/v2.0/token (v2.0), form-encoded.
 * Client credentials come in the body (client_id, client_secret) or as HTTP Basic.
 */
const NO_STORE = { "cache-control": "no-store, no-cache", pragma: "no-cache" };

interface ClientCredentials {
  clientId: string | undefined;
  secret: string | undefined;
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
  return { clientId: req.form.get("client_id") ?? undefined, secret: req.form.get("client_secret") ?? undefined };
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
function authenticateClient(app: App, secret: string | undefined): AadstsError | null {
  if (!secret) return AADSTS.missingClientSecret();
  const match = app.secrets.find((candidate) => sameSecret(candidate.value, secret));
  if (!match) return AADSTS.invalidClientSecret(app.clientId);
  if (match.expired) return AADSTS.expiredClientSecret(app.clientId);
  return null;
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
  const clientError = authenticateClient(app, credentials.secret);
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
