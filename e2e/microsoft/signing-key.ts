import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

/** The RSA key that signs v2.0 id_tokens; generated at start, kept across resets, published at the JWKS endpoints. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  // Microsoft's kid and x5t are the same base64url string; any stable identifier does for the emulator.
  const kid = (await calculateJwkThumbprint(jwk)).slice(0, 27);
  return { kid, privateKey, publicJwk: { kty: "RSA", use: "sig", kid, x5t: kid, n: jwk.n, e: jwk.e } };
}
