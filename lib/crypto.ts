import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { HubError } from "./errors";

/**
 * Secrets and tokens at rest: AES-256-GCM with a random 96-bit IV per value. The "purpose" (for example
 * "office365.clientSecret") is bound as additional authenticated data, so a ciphertext copied into another column does
 * not decrypt. The envelope names the key it was made with, so a changed HUB_ENCRYPTION_KEY gives a clear message
 * instead of a bare authentication failure.
 *
 *   enc:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>
 */
const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function keyId(key: Buffer): string {
  return createHash("sha256").update("integrations-hub key id\0").update(key).digest("hex").slice(0, 8);
}

export function encrypt(plaintext: string, purpose: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const payload = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
  return `${PREFIX}${keyId(key)}:${payload}`;
}

export function decrypt(envelope: string, purpose: string, key: Buffer): string {
  if (!envelope.startsWith(PREFIX)) {
    throw new HubError("secret_unreadable", { why: "form" });
  }
  const [storedKeyId, payload] = envelope.slice(PREFIX.length).split(":");
  if (storedKeyId !== keyId(key)) {
    throw new HubError("encryption_key_changed");
  }
  const bytes = Buffer.from(payload ?? "", "base64url");
  if (bytes.length < IV_BYTES + TAG_BYTES) {
    throw new HubError("secret_unreadable", { why: "damaged" });
  }
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new HubError("secret_unreadable", { why: "integrity" }, { cause });
  }
}
