import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { latestAudit } from "../../audit";
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
    expect((await readClientCredentials())?.clientSecret).toBe(SECRET);

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
    expect((await readClientCredentials())?.clientSecret).toBe(SECRET);

    await saveSettings(admin, { ...valid, clientSecret: "New~secret-value-9876543210zyxwvutsrqpo" });
    expect((await readClientCredentials())?.clientSecret).toBe("New~secret-value-9876543210zyxwvutsrqpo");
  });

  it("records nothing when nothing changed", async () => {
    await saveSettings(admin, valid);
    expect(await saveSettings(admin, { ...valid, clientSecret: "" })).toEqual({ ok: true, changed: [] });
    expect(await db.auditEvent.count()).toBe(1);
  });
});
