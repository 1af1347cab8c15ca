import { X509Certificate } from "node:crypto";
import { compactVerify, decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { certificateDetails, generateCertificate, type KeyPair } from "./certificate";
import { clientAuthentication, JWT_BEARER_ASSERTION_TYPE } from "./client-credential";

const CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";
const TOKEN_URL = "https://login.microsoftonline.com/11111111-1111-4111-8111-111111111111/oauth2/v2.0/token";
let pair: KeyPair;

beforeAll(async () => {
  pair = await generateCertificate({ commonName: "Integrations Hub unit" });
});

const certificateCredential = () => ({ kind: "certificate" as const, certificatePem: pair.certificatePem, privateKeyPem: pair.privateKeyPem });

describe("client authentication at the token endpoint", () => {
  it("sends only client_secret for a secret", async () => {
    expect(await clientAuthentication({ kind: "secret", secret: "Emu8Q~value" }, CLIENT_ID, TOKEN_URL)).toEqual({ client_secret: "Emu8Q~value" });
  });

  it("sends a client_assertion of type jwt-bearer, and no secret, for a certificate", async () => {
    const parameters = await clientAuthentication(certificateCredential(), CLIENT_ID, TOKEN_URL);
    expect(Object.keys(parameters).sort()).toEqual(["client_assertion", "client_assertion_type"]);
    expect(parameters.client_assertion_type).toBe(JWT_BEARER_ASSERTION_TYPE);
    expect(JWT_BEARER_ASSERTION_TYPE).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  });

  it("signs the assertion with the certificate's key (PS256), naming the certificate by x5t#S256", async () => {
    const { client_assertion: assertion } = await clientAuthentication(certificateCredential(), CLIENT_ID, TOKEN_URL);
    expect(decodeProtectedHeader(assertion!)).toEqual({ alg: "PS256", typ: "JWT", "x5t#S256": certificateDetails(pair.certificatePem).x5tS256 });
    const verified = await compactVerify(assertion!, new X509Certificate(pair.certificatePem).publicKey, { algorithms: ["PS256"] });
    expect(verified.protectedHeader.alg).toBe("PS256");
  });

  it("claims aud = the token endpoint, iss = sub = the client ID, a unique jti and five minutes of validity", async () => {
    const now = new Date("2026-12-01T10:00:00.400Z");
    const first = decodeJwt((await clientAuthentication(certificateCredential(), CLIENT_ID, TOKEN_URL, now)).client_assertion!);
    const second = decodeJwt((await clientAuthentication(certificateCredential(), CLIENT_ID, TOKEN_URL, now)).client_assertion!);
    const at = Math.floor(now.getTime() / 1000);
    expect(first).toEqual({ aud: TOKEN_URL, iss: CLIENT_ID, sub: CLIENT_ID, jti: expect.stringMatching(/^[0-9a-f-]{36}$/), iat: at, nbf: at, exp: at + 300 });
    expect(second.jti).not.toBe(first.jti);
  });
});
