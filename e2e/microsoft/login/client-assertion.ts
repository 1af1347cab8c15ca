import { X509Certificate } from "node:crypto";
import { compactVerify, decodeProtectedHeader } from "jose";
import type { App, AppCertificate } from "../directory";
import { AADSTS, type AadstsError } from "../errors";

/**
 * Certificate credentials at the token endpoint: `client_assertion` (with client_assertion_type jwt-bearer) instead
 * of client_secret, a JWT signed with the private key of a certificate uploaded to the app
 * (https://learn.microsoft.com/entra/identity-platform/certificate-credentials). Checked as Entra does: the header
 * names an uploaded certificate (x5t#S256, or the older SHA-1 x5t), the signature verifies with it, iss = sub =
 * client_id, aud = the exact token endpoint the request was sent to, and the time is within nbf..exp. The emulator
 * also refuses a jti it has already accepted, which Microsoft asks clients to make unique but does not document
 * refusing.
 */
export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** What the emulator verifies: RSA signatures (PS256 is what Microsoft recommends). */
const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] as const;

/** Microsoft's tokens tolerate clock skew between the client and Entra; five minutes is the usual allowance. */
const CLOCK_SKEW_SECONDS = 300;

/** Accepted assertions' jti, per app, kept until they expire. Cleared by reset. */
export class SpentAssertions {
  private readonly spent = new Map<string, number>();

  /** False when this app already used this jti (and it has not expired yet). */
  spend(clientId: string, jti: string, expiresAtMs: number, nowMs: number): boolean {
    for (const [key, until] of this.spent) if (until < nowMs) this.spent.delete(key);
    const key = `${clientId}\n${jti}`;
    if (this.spent.has(key)) return false;
    this.spent.set(key, expiresAtMs);
    return true;
  }

  clear(): void {
    this.spent.clear();
  }
}

/** Entra's dates in assertion errors: "2023-12-11T23:52:19.6223401Z". */
const aadTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");

/** "Start=08/18/2024 19:33:23, End=08/18/2029 19:33:23", as the found key appears in AADSTS700027. */
function foundKey(certificate: AppCertificate): string {
  const format = (iso: string) => {
    const date = new Date(iso);
    const two = (n: number) => String(n).padStart(2, "0");
    return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  };
  return `Start=${format(certificate.startDateTime)}, End=${format(certificate.endDateTime)}`;
}

const hex = (base64url: string) => Buffer.from(base64url, "base64url").toString("hex").toUpperCase();

type Claims = { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown; nbf?: unknown; jti?: unknown };

export async function verifyClientAssertion(input: {
  app: App;
  assertion: string;
  /** The URL the token request was sent to: https://login.microsoftonline.com/{tenant}/oauth2[/v2.0]/token. */
  tokenEndpoint: string;
  spent: SpentAssertions;
  now?: number;
}): Promise<AadstsError | null> {
  const { app, assertion, tokenEndpoint, spent, now = Date.now() } = input;
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return AADSTS.malformedJwt();
  }
  const alg = typeof header.alg === "string" ? header.alg : "none";
  if (!(ALGORITHMS as readonly string[]).includes(alg)) return AADSTS.unsupportedAssertionAlgorithm(alg, ALGORITHMS);

  const x5tS256 = typeof header["x5t#S256"] === "string" ? header["x5t#S256"] : undefined;
  const x5t = typeof header.x5t === "string" ? header.x5t : undefined;
  if (!x5tS256 && !x5t) return AADSTS.assertionWithoutThumbprint();
  const certificate = app.certificates.find((candidate) =>
    x5tS256 ? candidate.x5tS256 === x5tS256 : hex(x5t!) === candidate.thumbprint,
  );
  const usedThumbprint = hex((x5tS256 ?? x5t)!);
  if (!certificate) return AADSTS.assertionKeyNotFound(app.clientId, usedThumbprint);
  if (Date.parse(certificate.endDateTime) <= now) return AADSTS.assertionKeyExpired(usedThumbprint, foundKey(certificate));

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(assertion, new X509Certificate(certificate.pem).publicKey, { algorithms: [alg] }));
  } catch {
    return AADSTS.assertionBadSignature(usedThumbprint, foundKey(certificate));
  }
  let claims: Claims;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload)) as Claims;
  } catch {
    return AADSTS.malformedJwt();
  }
  for (const name of ["iss", "sub", "aud", "jti"] as const) {
    if (claims[name] === undefined || claims[name] === "") return AADSTS.missingCredentialField(name);
  }
  if (claims.iss !== app.clientId || claims.sub !== app.clientId) return AADSTS.assertionNotForClient();
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (audiences.length > 1) return AADSTS.assertionTooManyAudiences(audiences.length);
  if (typeof audiences[0] !== "string" || audiences[0].toLowerCase() !== tokenEndpoint.toLowerCase()) return AADSTS.assertionWrongAudience();

  // A missing nbf or exp reads as 1970, as in Microsoft's own messages.
  const notBefore = typeof claims.nbf === "number" ? claims.nbf * 1000 : 0;
  const expires = typeof claims.exp === "number" ? claims.exp * 1000 : 0;
  if (now + CLOCK_SKEW_SECONDS * 1000 < notBefore || now - CLOCK_SKEW_SECONDS * 1000 >= expires) {
    return AADSTS.assertionOutsideTimeRange(aadTime(now), aadTime(notBefore), aadTime(expires));
  }
  if (!spent.spend(app.clientId, String(claims.jti), expires + CLOCK_SKEW_SECONDS * 1000, now)) return AADSTS.malformedJwt();
  return null;
}
