import "server-only";
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";
import { HubError } from "../../errors";
import { joinUrl } from "./clouds";

/**
 * ID tokens. v2.0's are signed (RS256): verified against the tenant's published keys, with the issuer built from the
 * token's own tenant (for common/organizations Microsoft's issuer is a template, {tenantid}), the audience (our client
 * ID), expiry and nonce. v1.0's are unsigned (alg none), so they are only read for the tenant id, which arrived over
 * TLS straight from the token endpoint; who the account is always comes from Graph /me.
 * https://learn.microsoft.com/entra/identity-platform/id-tokens#validate-tokens
 */
const claims = z.object({ tid: z.string().min(1), oid: z.string().optional() });
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function keySet(url: string) {
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 10_000, cooldownDuration: 30_000 });
    keySets.set(url, keys);
  }
  return keys;
}

type Discovery = { issuer?: string; jwks_uri?: string };
const discoveries = new Map<string, Promise<Discovery>>();

/** The tenant's OpenID configuration (issuer template and key location); the conventional paths if unavailable. */
function discover(loginUrl: string, tenant: string): Promise<Discovery> {
  const url = joinUrl(loginUrl, tenant, "v2.0/.well-known/openid-configuration");
  let pending = discoveries.get(url);
  if (!pending) {
    pending = fetch(url, { signal: AbortSignal.timeout(10_000) })
      .then((response) => (response.ok ? (response.json() as Promise<Discovery>) : {}))
      .catch(() => ({}));
    discoveries.set(url, pending);
    // Forget failures quickly, successes after an hour.
    void pending.then((found) => setTimeout(() => discoveries.delete(url), found.jwks_uri ? 3_600_000 : 30_000).unref());
  }
  return pending;
}

const invalid = (detail: string, cause?: unknown) => new HubError("id_token_invalid", { detail }, { cause });

/**
 * `loginUrl` is where the hub talks to Microsoft (the cloud's host or MICROSOFT_LOGIN_URL); `cloudLoginUrl` is the
 * cloud's own host, which real tokens name as their issuer. The keys always come from `loginUrl`.
 */
export async function verifyV2IdToken(
  idToken: string,
  expected: { loginUrl: string; cloudLoginUrl: string; tenant: string; clientId: string; nonce?: string },
): Promise<{ tid: string; oid?: string }> {
  const discovery = await discover(expected.loginUrl, expected.tenant);
  const jwksUrl = discovery.jwks_uri ?? joinUrl(expected.loginUrl, expected.tenant, "discovery/v2.0/keys");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet(jwksUrl), {
      audience: expected.clientId,
      algorithms: ["RS256"],
      clockTolerance: 300,
      requiredClaims: ["iss", "exp", "iat", "tid"],
    }));
  } catch (cause) {
    throw invalid("signature, audience or expiry", cause);
  }
  const { tid, oid } = claims.parse(payload);
  // For common/organizations the issuer is a template; the token's own tenant fills it in.
  const issuers = [
    discovery.issuer?.replace("{tenantid}", tid),
    joinUrl(expected.loginUrl, tid, "v2.0"),
    joinUrl(expected.cloudLoginUrl, tid, "v2.0"),
  ];
  if (!issuers.includes(payload.iss)) throw invalid("issuer");
  if (GUID.test(expected.tenant) && tid.toLowerCase() !== expected.tenant.toLowerCase()) throw invalid("tenant");
  // The nonce ties the token to this sign-in: a token without the nonce that was sent is not this sign-in's.
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) throw invalid("nonce");
  return { tid, oid };
}

/**
 * The tenant id behind a verified domain, as Microsoft's OpenID configuration for it names it in its issuer
 * ("https://login.microsoftonline.com/{tenant id}/v2.0"); undefined when Microsoft does not know the domain.
 */
export async function tenantIdOf(loginUrl: string, domain: string): Promise<string | undefined> {
  const issuer = (await discover(loginUrl, domain)).issuer;
  return issuer ? /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i.exec(issuer)?.[1]?.toLowerCase() : undefined;
}

export function readUnsignedIdToken(idToken: string): { tid: string; oid?: string } {
  try {
    return claims.parse(decodeJwt(idToken));
  } catch (cause) {
    throw invalid("unreadable v1.0 ID token", cause);
  }
}
