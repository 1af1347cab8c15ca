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

const invalid = (detail: string, cause?: unknown) =>
  new HubError("id_token_invalid", `Microsoft's answer could not be verified (${detail}), so no account was connected. Connect the account again.`, {
    status: 502,
    cause,
  });

export async function verifyV2IdToken(
  idToken: string,
  expected: { loginUrl: string; tenant: string; clientId: string; nonce?: string },
): Promise<{ tid: string; oid?: string }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySet(joinUrl(expected.loginUrl, expected.tenant, "discovery/v2.0/keys")), {
      audience: expected.clientId,
      algorithms: ["RS256"],
      clockTolerance: 300,
      requiredClaims: ["iss", "exp", "iat", "tid"],
    }));
  } catch (cause) {
    throw invalid("signature, audience or expiry", cause);
  }
  const { tid, oid } = claims.parse(payload);
  if (payload.iss !== joinUrl(expected.loginUrl, tid, "v2.0")) throw invalid("issuer");
  if (GUID.test(expected.tenant) && tid.toLowerCase() !== expected.tenant.toLowerCase()) throw invalid("tenant");
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) throw invalid("nonce");
  return { tid, oid };
}

export function readUnsignedIdToken(idToken: string): { tid: string; oid?: string } {
  try {
    return claims.parse(decodeJwt(idToken));
  } catch (cause) {
    throw invalid("unreadable v1.0 ID token", cause);
  }
}
