import { createPrivateKey, X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generate } from "selfsigned";

/**
 * The emulator serves HTTPS because Microsoft's Graph client only treats https:// URLs as Graph (over http it drops
 * the Authorization header and breaks nextLink paging). The certificate is its own trust anchor: start clients with
 * NODE_EXTRA_CA_CERTS=<certFile> (Node) or trust it in the browser.
 */
export interface EmulatorCertificate {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reuse the files unless missing, unreadable, mismatched or expiring within a day. */
async function reusable(certFile: string, keyFile: string): Promise<EmulatorCertificate | null> {
  try {
    const [cert, key] = await Promise.all([readFile(certFile, "utf8"), readFile(keyFile, "utf8")]);
    const x509 = new X509Certificate(cert);
    if (new Date(x509.validTo).getTime() - Date.now() < DAY_MS) return null;
    if (!x509.checkPrivateKey(createPrivateKey(key))) return null;
    if (!x509.checkHost("localhost")) return null;
    return { certFile, keyFile, cert, key };
  } catch {
    return null;
  }
}

export async function ensureCertificate(stateDir: string): Promise<EmulatorCertificate> {
  const certFile = path.resolve(stateDir, "cert.pem");
  const keyFile = path.resolve(stateDir, "key.pem");
  const existing = await reusable(certFile, keyFile);
  if (existing) return existing;

  await mkdir(path.dirname(certFile), { recursive: true, mode: 0o700 });
  const now = Date.now();
  // The certificate is both the server's leaf and its own trust anchor. cA:true with keyCertSign keeps it acceptable
  // to trust stores that only take CA certificates as anchors (browsers, OS stores), not only to Node.
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now - 60 * 60 * 1000),
    notAfterDate: new Date(now + 365 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  await writeFile(keyFile, pems.private, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  await writeFile(certFile, pems.cert, { mode: 0o644 });
  return { certFile, keyFile, cert: pems.cert, key: pems.private };
}
