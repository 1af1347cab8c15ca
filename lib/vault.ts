import "server-only";
import { environment } from "./config";
import { decrypt, encrypt } from "./crypto";
import { encryptionKey } from "./secrets";

/** Encrypts values for the database with the hub's key (HUB_ENCRYPTION_KEY or the generated one in the data folder). */
let key: Buffer | undefined;

function currentKey(): Buffer {
  key ??= encryptionKey(environment().dataDir);
  return key;
}

export function seal(plaintext: string, purpose: string): string {
  return encrypt(plaintext, purpose, currentKey());
}

export function unseal(envelope: string, purpose: string): string {
  return decrypt(envelope, purpose, currentKey());
}
