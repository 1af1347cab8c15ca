import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import type { User } from "../directory";
import { epochSeconds } from "../http";
import type { SigningKey } from "../signing-key";

/** id_tokens (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference). */
const ID_TOKEN_LIFETIME_SECONDS = 3600;

/** `sub` is pairwise: the same user has a different subject in every app. */
function pairwiseSubject(user: User, clientId: string): string {
  return createHash("sha256").update(`${user.id}:${clientId}`).digest("base64url").slice(0, 43);
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** v1.0 id_tokens are not signed at all: `{"typ":"JWT","alg":"none"}`, then the claims, then an empty signature. */
export function v1IdToken(user: User, clientId: string): string {
  const now = epochSeconds();
  const claims: Record<string, unknown> = {
    aud: clientId,
    iss: `https://sts.windows.net/${user.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + ID_TOKEN_LIFETIME_SECONDS,
    amr: ["pwd"],
    ...(user.surname ? { family_name: user.surname } : {}),
    ...(user.givenName ? { given_name: user.givenName } : {}),
    ipaddr: "127.0.0.1",
    name: user.displayName,
    oid: user.id,
    sub: pairwiseSubject(user, clientId),
    tid: user.tenantId,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    ver: "1.0",
  };
  return `${base64UrlJson({ typ: "JWT", alg: "none" })}.${base64UrlJson(claims)}.`;
}

/**
 * v2.0 id_tokens are RS256-signed with the key published at /discovery/v2.0/keys. The issuer is the emulator's login
 * URL standing in for https://login.microsoftonline.com: "<loginUrl>/<tid>/v2.0".
 */
export async function v2IdToken(
  key: SigningKey,
  loginUrl: string,
  user: User,
  clientId: string,
  options: { nonce?: string; scopes: string[] },
): Promise<string> {
  const now = epochSeconds();
  const claims: Record<string, unknown> = {
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    tid: user.tenantId,
    ver: "2.0",
    // The email claim needs the email scope and a mailbox address; it is never guaranteed.
    ...(user.mail && options.scopes.includes("email") ? { email: user.mail } : {}),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: key.kid })
    .setIssuer(`${loginUrl}/${user.tenantId}/v2.0`)
    .setAudience(clientId)
    .setSubject(pairwiseSubject(user, clientId))
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ID_TOKEN_LIFETIME_SECONDS)
    .sign(key.privateKey);
}
