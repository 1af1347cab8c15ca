import { X509Certificate, createHash, createPrivateKey } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { certificateDetails, certificateFileText, generateCertificate, readCertificate, readPrivateKey, type KeyPair } from "./certificate";

let pair: KeyPair;
const now = new Date("2026-12-01T10:00:00Z");

beforeAll(async () => {
  pair = await generateCertificate({ commonName: "Integrations Hub www.example.gov.uk", now });
});

describe("generated certificates", () => {
  it("are self-signed RSA 2048 for the site, valid for two years, with a key that matches", () => {
    const certificate = new X509Certificate(pair.certificatePem);
    expect(certificate.subject).toBe("CN=Integrations Hub www.example.gov.uk");
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const key = createPrivateKey(pair.privateKeyPem);
    expect(certificate.checkPrivateKey(key)).toBe(true);
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const { notBefore, notAfter } = certificateDetails(pair.certificatePem);
    expect(notAfter.getTime() - now.getTime()).toBe(730 * 86_400_000);
    expect(now.getTime() - notBefore.getTime()).toBe(5 * 60_000);
  });

  it("get a fresh key pair every time", async () => {
    const second = await generateCertificate({ commonName: "Integrations Hub www.example.gov.uk" });
    expect(second.privateKeyPem).not.toBe(pair.privateKeyPem);
    expect(certificateDetails(second.certificatePem).thumbprint).not.toBe(certificateDetails(pair.certificatePem).thumbprint);
  });
});

describe("certificate details", () => {
  it("give the thumbprint as Entra lists it (SHA-1, upper-case hex, no colons) and x5t#S256 (base64url SHA-256 of the DER)", () => {
    const certificate = new X509Certificate(pair.certificatePem);
    const details = certificateDetails(pair.certificatePem);
    expect(details.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(details.thumbprint).toBe(certificate.fingerprint.replaceAll(":", ""));
    expect(details.x5tS256).toBe(createHash("sha256").update(certificate.raw).digest("base64url"));
    expect(details.x5tS256).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("reading pasted or uploaded keys and certificates", () => {
  it("reads PEM, and turns an uploaded binary (DER) certificate into PEM", () => {
    expect(readPrivateKey(pair.privateKeyPem)).toMatchObject({ ok: true, pem: pair.privateKeyPem });
    expect(readCertificate(pair.certificatePem)).toMatchObject({ ok: true, pem: pair.certificatePem });
    const der = new X509Certificate(pair.certificatePem).raw;
    expect(certificateFileText(new Uint8Array(der))).toBe(pair.certificatePem);
    expect(certificateFileText(new TextEncoder().encode(pair.certificatePem))).toBe(pair.certificatePem);
  });

  it("refuses a public key or a certificate given as the private key", () => {
    expect(readPrivateKey(pair.certificatePem)).toEqual({ ok: false, problem: "unreadable" });
    const publicKey = new X509Certificate(pair.certificatePem).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(readPrivateKey(publicKey)).toEqual({ ok: false, problem: "unreadable" });
    expect(readCertificate(pair.privateKeyPem)).toEqual({ ok: false, problem: "unreadable" });
  });
});
