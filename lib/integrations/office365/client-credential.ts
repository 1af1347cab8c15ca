import "server-only";
import { createPrivateKey, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { certificateDetails } from "./certificate";

/**
 * How the hub authenticates as the app registration at Microsoft's token endpoint: a client secret, or a
 * `client_assertion` signed with the certificate's private key. This is the only place that knows the difference;
 * token-endpoint.ts adds whatever it returns to every token request.
 * https://learn.microsoft.com/entra/identity-platform/certificate-credentials
 */
export type ClientCredential =
  | { kind: "secret"; secret: string }
  | { kind: "certificate"; certificatePem: string; privateKeyPem: string };

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Microsoft's guidance: keep the assertion short-lived ("5-10 minutes after nbf at most"). */
export const ASSERTION_LIFETIME_SECONDS = 300;

/** The client-authentication parameters for one token request to `tokenUrl`. */
export async function clientAuthentication(
  credential: ClientCredential,
  clientId: string,
  tokenUrl: string,
  now = new Date(),
): Promise<Record<string, string>> {
  if (credential.kind === "secret") return { client_secret: credential.secret };
  return { client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: await clientAssertion(credential, clientId, tokenUrl, now) };
}

/**
 * The JWT Microsoft expects: `x5t#S256` names the uploaded certificate, aud is the exact token endpoint the request
 * goes to (tenant and version included), iss = sub = the client ID, a fresh jti, valid for 5 minutes.
 *
 * PS256 (RSASSA-PSS with SHA-256), not RS256: Microsoft's page says the header "should be PS256" and to "use PSS
 * padding". Both are accepted; PSS is the RSA signature scheme with a security proof and randomised padding, which is
 * why current guidance prefers it.
 */
export async function clientAssertion(
  credential: Extract<ClientCredential, { kind: "certificate" }>,
  clientId: string,
  tokenUrl: string,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": certificateDetails(credential.certificatePem).x5tS256 })
    .setAudience(tokenUrl)
    .setIssuer(clientId)
    .setSubject(clientId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + ASSERTION_LIFETIME_SECONDS)
    .sign(createPrivateKey(credential.privateKeyPem));
}
