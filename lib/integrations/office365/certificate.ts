import { X509Certificate, createHash, createPrivateKey, randomBytes, webcrypto, type KeyObject } from "node:crypto";
import * as x509 from "@peculiar/x509";

/**
 * Certificate credentials for the app registration: reading a pasted key pair, describing a certificate as Microsoft
 * Entra lists it, and generating a self-signed one. No database and no secrets kept here.
 * https://learn.microsoft.com/entra/identity-platform/certificate-credentials
 */
export type CertificateDetails = {
  /** SHA-1 of the DER, upper-case hex without colons: what Entra shows as the certificate's Thumbprint. */
  thumbprint: string;
  /** base64url SHA-256 of the DER: the `x5t#S256` header that tells Microsoft which uploaded certificate signed. */
  x5tS256: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
};

export function certificateDetails(pem: string): CertificateDetails {
  const certificate = new X509Certificate(pem);
  return {
    thumbprint: createHash("sha1").update(certificate.raw).digest("hex").toUpperCase(),
    x5tS256: createHash("sha256").update(certificate.raw).digest("base64url"),
    subject: certificate.subject,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

/** Microsoft accepts RSA keys for certificate credentials; below 2048 bits it refuses them as weak (AADSTS50032). */
export const MIN_RSA_BITS = 2048;

export type PrivateKeyReading =
  | { ok: true; key: KeyObject; pem: string }
  | { ok: false; problem: "encrypted" | "unreadable" | "not_rsa" | "too_small"; detail?: string };

/** A PEM private key: PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 ("BEGIN RSA PRIVATE KEY"), normalised to PKCS#8. */
export function readPrivateKey(text: string): PrivateKeyReading {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(text)) return { ok: false, problem: "encrypted" };
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text)) {
    return { ok: false, problem: /-----BEGIN (EC )?PRIVATE KEY-----/.test(text) ? "not_rsa" : "unreadable" };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: "pem" });
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  if (key.asymmetricKeyType !== "rsa") return { ok: false, problem: "not_rsa", detail: key.asymmetricKeyType };
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) return { ok: false, problem: "too_small", detail: String(bits) };
  return { ok: true, key, pem: key.export({ type: "pkcs8", format: "pem" }).toString() };
}

export type CertificateReading =
  | { ok: true; certificate: X509Certificate; pem: string }
  | { ok: false; problem: "unreadable" | "not_rsa" };

/** A PEM certificate ("BEGIN CERTIFICATE"); an uploaded file may also be DER (a binary .cer), given as bytes. */
export function readCertificate(input: string | Uint8Array): CertificateReading {
  let certificate: X509Certificate;
  try {
    if (typeof input === "string" && !input.includes("-----BEGIN CERTIFICATE-----")) return { ok: false, problem: "unreadable" };
    certificate = new X509Certificate(typeof input === "string" ? input : Buffer.from(input));
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  if (certificate.publicKey.asymmetricKeyType !== "rsa") return { ok: false, problem: "not_rsa" };
  return { ok: true, certificate, pem: certificate.toString() };
}

/** An uploaded certificate file as PEM text: PEM files pass through, DER files are converted, anything else is kept. */
export function certificateFileText(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString("utf8");
  if (text.includes("-----BEGIN")) return text;
  const reading = readCertificate(bytes);
  return reading.ok ? reading.pem : text;
}

const DAY_MS = 86_400_000;
/** Self-signed certificates last two years: Entra accepts longer, but a renewal every two years keeps it in mind. */
export const GENERATED_VALIDITY_DAYS = 730;

export type KeyPair = { privateKeyPem: string; certificatePem: string };

/**
 * An RSA 2048 key pair and a self-signed certificate for it (CN = `commonName`), made with Node's own WebCrypto.
 * The private key is returned as PKCS#8 PEM for the caller to seal: it never leaves the server.
 */
export async function generateCertificate({
  commonName,
  validDays = GENERATED_VALIDITY_DAYS,
  now = new Date(),
}: {
  commonName: string;
  validDays?: number;
  now?: Date;
}): Promise<KeyPair> {
  const crypto = webcrypto as unknown as Crypto;
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: MIN_RSA_BITS };
  const keys = (await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"])) as CryptoKeyPair;
  // A positive serial number (first bit clear), random as RFC 5280 recommends.
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: serial.toString("hex"),
      name: [{ CN: [commonName] }],
      // A few minutes back, so a server clock slightly ahead of Microsoft's does not make it "not yet valid".
      notBefore: new Date(now.getTime() - 5 * 60_000),
      notAfter: new Date(now.getTime() + validDays * DAY_MS),
      signingAlgorithm: algorithm,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  // Node's PEM (as readCertificate normalises pasted certificates), so a generated pair reads back byte for byte.
  return { privateKeyPem: toPem("PRIVATE KEY", pkcs8), certificatePem: new X509Certificate(Buffer.from(certificate.rawData)).toString() };
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
