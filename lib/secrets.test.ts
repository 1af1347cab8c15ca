import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authSecret, encryptionKey, ensureSecrets, keyBesideDatabase, parseEncryptionKey } from "./secrets";

describe("generated secrets", () => {
  it("creates both secrets once, owner-only, and reuses them", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "hub-secrets-")), "data");
    expect(ensureSecrets(dir, {}).generated).toEqual(["AUTH_SECRET", "HUB_ENCRYPTION_KEY"]);
    const file = path.join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const first = readFileSync(file, "utf8");
    expect(ensureSecrets(dir, {}).generated).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(encryptionKey(dir, {})).toHaveLength(32);
    expect(authSecret(dir, {}).length).toBeGreaterThan(30);
  });

  it("does not generate what the environment provides", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hub-secrets-"));
    const env = { AUTH_SECRET: "x".repeat(40), HUB_ENCRYPTION_KEY: "a".repeat(64) };
    expect(ensureSecrets(dir, env).generated).toEqual([]);
    expect(encryptionKey(dir, env)).toEqual(Buffer.alloc(32, 0xaa));
  });

  it("accepts base64 and hex keys of 32 bytes and explains anything else", () => {
    expect(parseEncryptionKey(Buffer.alloc(32, 7).toString("base64"))).toHaveLength(32);
    expect(parseEncryptionKey("0".repeat(64))).toHaveLength(32);
    expect(() => parseEncryptionKey("too-short")).toThrow(/32 bytes/);
  });
});

describe("where the encryption key is kept", () => {
  it("is reported when the generated key sits in the data folder beside the SQLite database", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hub-secrets-"));
    ensureSecrets(dir, {});
    expect(keyBesideDatabase(dir, path.join(dir, "hub.db"), {})).toBe(path.join(dir, "secrets.json"));
    // A database elsewhere (or not SQLite) is not beside it.
    expect(keyBesideDatabase(dir, "/var/lib/hub/hub.db", {})).toBeNull();
    expect(keyBesideDatabase(dir, null, {})).toBeNull();
    // Set in the environment, an old copy left in the file is still reported.
    expect(keyBesideDatabase(dir, path.join(dir, "hub.db"), { HUB_ENCRYPTION_KEY: "a".repeat(64) })).toContain("remove");
  });

  it("is not reported when the key comes only from the environment", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hub-secrets-"));
    ensureSecrets(dir, { HUB_ENCRYPTION_KEY: "a".repeat(64) });
    expect(keyBesideDatabase(dir, path.join(dir, "hub.db"), { HUB_ENCRYPTION_KEY: "a".repeat(64) })).toBeNull();
  });
});
