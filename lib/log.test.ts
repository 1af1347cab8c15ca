import { describe, expect, it } from "vitest";
import { formatLine, redact, redactUrl } from "./log";

describe("log redaction", () => {
  it("hides values under credential-like keys at any depth", () => {
    const out = redact({
      clientSecret: "abc",
      nested: { refresh_token: "r", password: "p", Authorization: "Bearer x", code: "auth-code", ok: "visible" },
    }) as Record<string, Record<string, string>>;
    expect(out.clientSecret).toBe("[redacted]");
    expect(out.nested).toEqual({
      refresh_token: "[redacted]",
      password: "[redacted]",
      Authorization: "[redacted]",
      code: "[redacted]",
      ok: "visible",
    });
  });

  it("hides the certificate credential's private key, under its field and column names or as PEM text", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
    const out = redact({ privateKey: pem, certificatePrivateKey: "enc:v1:0123abcd:AAAA", privateKeyFile: "key.pem", certificate: "public" });
    expect(out).toEqual({ privateKey: "[redacted]", certificatePrivateKey: "[redacted]", privateKeyFile: "[redacted]", certificate: "public" });
    const line = formatLine("error", "could not read", { detail: `bad input: ${pem}`, rsa: "-----BEGIN RSA PRIVATE KEY-----\nMIIE" });
    expect(line).not.toContain("MIIE");
  });

  it("hides JWTs, bearer tokens and encrypted envelopes inside text", () => {
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
    const line = formatLine("error", `failed with ${jwt}`, { detail: "Bearer abc.def.ghi", stored: "enc:v1:0123abcd:AAAA_bbbb" });
    expect(line).not.toContain(jwt);
    expect(line).not.toContain("abc.def.ghi");
    expect(line).not.toContain("AAAA_bbbb");
    expect(JSON.parse(line)).toMatchObject({ level: "error" });
  });

  it("keeps query names but not values", () => {
    expect(redactUrl("/jadu/integrations/office365/callback?code=SECRET&state=abc")).toBe(
      "/jadu/integrations/office365/callback?code=[redacted]&state=[redacted]",
    );
  });
});
