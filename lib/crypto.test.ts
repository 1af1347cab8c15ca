import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, encrypt } from "./crypto";
import { HubError } from "./errors";

const key = randomBytes(32);

describe("encrypt / decrypt", () => {
  it("round-trips a secret and never contains it in plain text", () => {
    const envelope = encrypt("s3cr3t~Value.With-Symbols", "office365.clientSecret", key);
    expect(envelope).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(envelope).not.toContain("s3cr3t");
    expect(decrypt(envelope, "office365.clientSecret", key)).toBe("s3cr3t~Value.With-Symbols");
  });

  it("uses a fresh IV each time", () => {
    expect(encrypt("same", "p", key)).not.toBe(encrypt("same", "p", key));
  });

  it("refuses a value moved to another purpose (column)", () => {
    const envelope = encrypt("token", "office365.accessToken", key);
    expect(() => decrypt(envelope, "office365.refreshToken", key)).toThrow(/integrity/);
  });

  it("refuses a tampered value", () => {
    const envelope = encrypt("token", "p", key);
    const last = envelope.at(-2) === "A" ? "B" : "A";
    const tampered = `${envelope.slice(0, -2)}${last}${envelope.at(-1)}`;
    expect(() => decrypt(tampered, "p", key)).toThrow(HubError);
  });

  it("says so when the key has changed", () => {
    const envelope = encrypt("token", "p", key);
    try {
      decrypt(envelope, "p", randomBytes(32));
      expect.unreachable();
    } catch (error) {
      expect((error as HubError).code).toBe("encryption_key_changed");
      expect((error as HubError).message).toContain("HUB_ENCRYPTION_KEY");
    }
  });

  it("refuses something that is not an envelope", () => {
    expect(() => decrypt("plain text", "p", key)).toThrow(/encrypted form/);
  });
});
