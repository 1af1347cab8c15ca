import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { latestAudit } from "../../audit";
import { generateCertificate, type KeyPair } from "./certificate";
import { readClientCredentials, readSettings, saveSettings } from "./settings";

const admin = { id: "admin-1", email: "admin@example.gov.uk" };
const SECRET = "Zq8Q~unit.test-secret-value-0123456789abcd";
const valid = {
  clientId: "6731de76-14a6-49ae-97bc-6eba6914391e",
  clientSecret: SECRET,
  azureAdVersion: "v2",
  tenant: "organizations",
  cloud: "global",
  clientSecretExpiresOn: "2027-03-31",
};

function rawDatabase(): string {
  const file = process.env.DATABASE_URL!.slice("file:".length);
  // The write-ahead log holds recent writes before they reach the main file: check both.
  return [file, `${file}-wal`].map((name) => {
    try {
      return readFileSync(name).toString("latin1");
    } catch {
      return "";
    }
  }).join("");
}

beforeEach(async () => {
  await db.office365Settings.deleteMany();
  await db.auditEvent.deleteMany();
});

describe("Office 365 settings service", () => {
  it("saves valid settings with the secret encrypted, and records who changed which fields", async () => {
    const result = await saveSettings(admin, valid);
    expect(result).toEqual({ ok: true, changed: ["clientId", "clientSecret", "azureAdVersion", "tenant", "cloud", "clientSecretExpiresOn"] });

    const settings = await readSettings();
    expect(settings).toMatchObject({ clientId: valid.clientId, azureAdVersion: "v2", tenant: "organizations", cloud: "global" });
    expect(settings).not.toHaveProperty("clientSecret");
    expect((await readClientCredentials())?.credential).toEqual({ kind: "secret", secret: SECRET });

    const row = await db.office365Settings.findFirstOrThrow();
    expect(row.clientSecret).toMatch(/^enc:v1:/);
    expect(rawDatabase()).not.toContain(SECRET);

    const audit = await latestAudit("office365");
    expect(audit).toMatchObject({ actorEmail: admin.email, action: "office365.settings.saved" });
    expect(audit?.fields).toContain("clientSecret");
    const storedAudit = await db.auditEvent.findFirstOrThrow();
    expect(storedAudit.details).not.toContain(SECRET);
  });

  it("saves nothing when any field is invalid", async () => {
    const result = await saveSettings(admin, { ...valid, tenant: "bad tenant" });
    expect(result).toEqual({ ok: false, errors: { tenant: expect.stringContaining("Tenant must be") } });
    expect(await db.office365Settings.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("keeps the saved secret when the field is left empty, and replaces it when a new one is entered", async () => {
    await saveSettings(admin, valid);
    const before = (await db.office365Settings.findFirstOrThrow()).clientSecret;

    expect(await saveSettings(admin, { ...valid, clientSecret: "", tenant: "council.gov.uk" })).toEqual({ ok: true, changed: ["tenant"] });
    expect((await db.office365Settings.findFirstOrThrow()).clientSecret).toBe(before);
    expect((await readClientCredentials())?.credential).toEqual({ kind: "secret", secret: SECRET });

    await saveSettings(admin, { ...valid, clientSecret: "New~secret-value-9876543210zyxwvutsrqpo" });
    expect((await readClientCredentials())?.credential).toEqual({ kind: "secret", secret: "New~secret-value-9876543210zyxwvutsrqpo" });
  });

  it("records nothing when nothing changed", async () => {
    await saveSettings(admin, valid);
    expect(await saveSettings(admin, { ...valid, clientSecret: "" })).toEqual({ ok: true, changed: [] });
    expect(await db.auditEvent.count()).toBe(1);
  });
});

describe("Office 365 settings service: the certificate credential", () => {
  let pair: KeyPair;
  const keyBody = () => pair.privateKeyPem.split("\n")[1]!;
  const withCertificate = () => ({ ...valid, clientSecret: "", credentialType: "certificate", privateKey: pair.privateKeyPem, certificate: pair.certificatePem });

  beforeAll(async () => {
    pair = await generateCertificate({ commonName: "Integrations Hub unit" });
  });

  it("saves a pasted key pair with the private key sealed, and token requests then use the certificate", async () => {
    expect(await saveSettings(admin, withCertificate())).toEqual({
      ok: true,
      changed: ["clientId", "credentialType", "certificate", "azureAdVersion", "tenant", "cloud", "clientSecretExpiresOn"],
    });
    const row = await db.office365Settings.findFirstOrThrow();
    expect(row.certificatePrivateKey).toMatch(/^enc:v1:/);
    expect(row.clientSecret).toBeNull();
    expect(rawDatabase()).not.toContain(keyBody());
    expect((await db.auditEvent.findFirstOrThrow()).details).not.toContain(keyBody());

    const settings = await readSettings();
    expect(settings?.credentialType).toBe("certificate");
    expect(settings?.certificate?.thumbprint).toBe(new X509Certificate(pair.certificatePem).fingerprint.replaceAll(":", ""));
    expect(JSON.stringify(settings)).not.toContain(keyBody());
    expect((await readClientCredentials())?.credential).toEqual({ kind: "certificate", privateKeyPem: pair.privateKeyPem, certificatePem: pair.certificatePem });
  });

  it("keeps the other credential when switching, so switching back needs nothing re-entered", async () => {
    await saveSettings(admin, valid);
    expect(await saveSettings(admin, withCertificate())).toEqual({ ok: true, changed: ["credentialType", "certificate"] });
    expect(await saveSettings(admin, { ...valid, clientSecret: "", credentialType: "secret" })).toEqual({ ok: true, changed: ["credentialType"] });
    expect((await readClientCredentials())?.credential).toEqual({ kind: "secret", secret: SECRET });
    expect((await readSettings())?.certificate).not.toBeNull();
    expect(await saveSettings(admin, { ...valid, clientSecret: "", credentialType: "certificate" })).toEqual({ ok: true, changed: ["credentialType"] });
    expect((await readClientCredentials())?.credential.kind).toBe("certificate");
  });

  it("saves nothing when the certificate is refused, even if every other field is fine", async () => {
    const other = await generateCertificate({ commonName: "Integrations Hub other" });
    const result = await saveSettings(admin, { ...withCertificate(), certificate: other.certificatePem });
    expect(result).toEqual({ ok: false, errors: { certificate: expect.stringContaining("does not belong to the private key") } });
    expect(await db.office365Settings.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("generates a key pair and a self-signed certificate on the server, named after the site", async () => {
    const result = await saveSettings(admin, { ...withCertificate(), privateKey: "", certificate: "" }, { generateCertificate: true });
    expect(result).toMatchObject({ ok: true, changed: expect.arrayContaining(["certificate"]) });
    const settings = await readSettings();
    expect(settings?.certificate?.subject).toBe("CN=Integrations Hub localhost:3000");
    const credential = (await readClientCredentials())?.credential;
    if (credential?.kind !== "certificate") throw new Error("expected a certificate credential");
    expect(new X509Certificate(credential.certificatePem).checkPrivateKey((await import("node:crypto")).createPrivateKey(credential.privateKeyPem))).toBe(true);

    // Generating while a pair is pasted would silently drop it: refused instead.
    expect(await saveSettings(admin, withCertificate(), { generateCertificate: true })).toEqual({
      ok: false,
      errors: { privateKey: expect.stringContaining("leave Private key and Certificate empty") },
    });
  });
});
