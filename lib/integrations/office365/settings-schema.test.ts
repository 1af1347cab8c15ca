import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { fieldErrors } from "../../validation";
import { generateCertificate, type KeyPair } from "./certificate";
import { office365SettingsSchema } from "./settings-schema";

const valid = {
  clientId: " 6731DE76-14A6-49AE-97BC-6EBA6914391E ",
  clientSecret: "Abc8Q~x.yZ0123456789abcdefghijklmnopqrs",
  azureAdVersion: "v2",
  tenant: "Organizations",
  cloud: "global",
  clientSecretExpiresOn: "2027-03-31",
};

const errorsFor = (input: Record<string, unknown>, secretSaved = false, certificateSaved = false) => {
  const result = office365SettingsSchema({ secretSaved, certificateSaved }).safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
};

describe("Office 365 settings schema", () => {
  it("accepts and normalises valid settings", () => {
    const parsed = office365SettingsSchema({ secretSaved: false }).parse(valid);
    expect(parsed).toEqual({
      clientId: "6731de76-14a6-49ae-97bc-6eba6914391e",
      credentialType: "secret",
      clientSecret: valid.clientSecret,
      certificate: null,
      azureAdVersion: "v2",
      tenant: "organizations",
      cloud: "global",
      clientSecretExpiresOn: "2027-03-31",
    });
  });

  it.each([
    ["clientId", "", "Enter the client ID"],
    ["clientId", "not-a-guid", "Client ID must be the Application (client) ID"],
    ["azureAdVersion", "v3", "Select the Azure AD version"],
    ["azureAdVersion", undefined, "Select the Azure AD version"],
    ["tenant", "", "Enter the tenant"],
    ["tenant", "not a tenant!", "Tenant must be organizations, common, consumers"],
    ["cloud", "mars", "Select the cloud"],
    ["clientSecretExpiresOn", "2027-02-30", "must be a real date"],
    ["clientSecretExpiresOn", "31/03/2027", "must be a real date"],
    ["clientSecretExpiresOn", "1999-12-31", "between the years 2000 and 2100"],
  ])("refuses %s = %j with a message naming the problem", (field, value, message) => {
    const errors = errorsFor({ ...valid, [field]: value });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field as keyof typeof errors]).toContain(message);
  });

  it.each(["common", "organizations", "consumers", "72f988bf-86f1-41af-91ab-2d7cd011db47", "yourcouncil.onmicrosoft.com", "council.gov.uk"])(
    "accepts the tenant %s",
    (tenant) => {
      expect(errorsFor({ ...valid, tenant })).toEqual({});
    },
  );

  it("needs a secret only when none is saved", () => {
    expect(errorsFor({ ...valid, clientSecret: "" })).toEqual({ clientSecret: "Enter the client secret" });
    expect(office365SettingsSchema({ secretSaved: true }).parse({ ...valid, clientSecret: "" }).clientSecret).toBeNull();
  });

  it("spots a secret ID pasted instead of the secret's value", () => {
    expect(errorsFor({ ...valid, clientSecret: "0b5b6d1c-4f87-4b6b-9d0e-3c7a1f2e9a10" }).clientSecret).toContain("secret's ID");
  });

  it("refuses personal accounts with Azure AD v1.0", () => {
    expect(errorsFor({ ...valid, azureAdVersion: "v1", tenant: "consumers" }).tenant).toContain("Azure AD (v1.0) cannot sign in personal");
  });

  it("treats an empty expiry date as unknown", () => {
    expect(office365SettingsSchema({ secretSaved: false }).parse({ ...valid, clientSecretExpiresOn: "" }).clientSecretExpiresOn).toBeNull();
  });

  it("reports every bad field at once (the form lists them in its own order)", () => {
    const errors = errorsFor({ clientId: "x", clientSecret: "", azureAdVersion: "", tenant: "", cloud: "", clientSecretExpiresOn: "x" });
    expect(Object.keys(errors).sort()).toEqual(["azureAdVersion", "clientId", "clientSecret", "clientSecretExpiresOn", "cloud", "tenant"]);
  });
});

describe("Office 365 settings schema: the certificate credential", () => {
  let pair: KeyPair;
  let other: KeyPair;
  const withCertificate = () => ({ ...valid, clientSecret: "", credentialType: "certificate", privateKey: pair.privateKeyPem, certificate: pair.certificatePem });

  beforeAll(async () => {
    [pair, other] = await Promise.all([
      generateCertificate({ commonName: "Integrations Hub test" }),
      generateCertificate({ commonName: "Integrations Hub other" }),
    ]);
  });

  it("accepts a matching RSA key pair, normalised to PEM, and needs no client secret then", () => {
    const parsed = office365SettingsSchema({ secretSaved: false }).parse(withCertificate());
    expect(parsed.credentialType).toBe("certificate");
    expect(parsed.clientSecret).toBeNull();
    expect(parsed.certificate?.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(parsed.certificate?.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it("accepts a PKCS#1 (BEGIN RSA PRIVATE KEY) key and stores it as PKCS#8", () => {
    const pkcs1 = createPrivateKey(pair.privateKeyPem).export({ type: "pkcs1", format: "pem" }).toString();
    expect(pkcs1).toContain("-----BEGIN RSA PRIVATE KEY-----");
    const parsed = office365SettingsSchema({ secretSaved: false }).parse({ ...withCertificate(), privateKey: pkcs1 });
    expect(parsed.certificate?.privateKeyPem).toBe(pair.privateKeyPem);
  });

  it.each([
    ["privateKey", "not a key", "Private key must be a PEM private key"],
    ["privateKey", generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "2048 bits or more (this one has 1024 bits)"],
    ["privateKey", generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "must be an RSA key"],
    [
      "privateKey",
      generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "secret" }).toString(),
      "protected with a passphrase",
    ],
    ["privateKey", "x".repeat(20_001), "20,000 characters or fewer"],
    ["certificate", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----", "Certificate must be a PEM certificate"],
    ["certificate", "MIIB", "Certificate must be a PEM certificate"],
  ])("refuses %s with a message naming the problem (%#)", (field, value, message) => {
    const errors = errorsFor({ ...withCertificate(), [field]: value });
    expect(errors[field as keyof typeof errors]).toContain(message);
  });

  it("refuses a certificate that does not belong to the private key", () => {
    const errors = errorsFor({ ...withCertificate(), certificate: other.certificatePem });
    expect(errors).toEqual({ certificate: expect.stringContaining("does not belong to the private key: its public key is different") });
  });

  it("refuses an expired certificate, saying when it expired", async () => {
    const old = await generateCertificate({ commonName: "Integrations Hub old", now: new Date("2020-01-01T00:00:00Z"), validDays: 365 });
    const errors = errorsFor({ ...withCertificate(), privateKey: old.privateKeyPem, certificate: old.certificatePem });
    expect(errors).toEqual({ certificate: expect.stringMatching(/^This certificate expired on 31 December 2020 at .* \(UTC\)/) });
  });

  it("needs both halves of a pair", () => {
    expect(errorsFor({ ...withCertificate(), certificate: "" })).toEqual({ certificate: expect.stringContaining("Paste or upload the certificate") });
    expect(errorsFor({ ...withCertificate(), privateKey: "" })).toEqual({ privateKey: expect.stringContaining("Paste or upload the private key") });
  });

  it("needs a certificate for Credential = certificate only when none is saved, and keeps the saved one when the fields are empty", () => {
    const empty = { ...withCertificate(), privateKey: "", certificate: "" };
    expect(errorsFor(empty)).toEqual({ privateKey: expect.stringContaining("or choose Generate a key pair and certificate") });
    const parsed = office365SettingsSchema({ secretSaved: false, certificateSaved: true }).parse(empty);
    expect(parsed).toMatchObject({ credentialType: "certificate", certificate: null });
  });

  it("keeps checking a pasted certificate while Credential is a client secret (it is saved for later)", () => {
    const errors = errorsFor({ ...valid, credentialType: "secret", privateKey: pair.privateKeyPem, certificate: other.certificatePem });
    expect(Object.keys(errors)).toEqual(["certificate"]);
  });

  it("refuses an unknown credential type and defaults to a client secret when none is sent", () => {
    expect(errorsFor({ ...valid, credentialType: "password" })).toEqual({ credentialType: "Select the credential: a client secret or a certificate" });
    expect(office365SettingsSchema({ secretSaved: false }).parse(valid).credentialType).toBe("secret");
  });

  it("reports certificate problems together with every other bad field", () => {
    const errors = errorsFor({ clientId: "x", credentialType: "certificate", privateKey: "bad", certificate: other.certificatePem, azureAdVersion: "v1", tenant: "consumers", cloud: "mars" });
    expect(Object.keys(errors).sort()).toEqual(["clientId", "cloud", "privateKey", "tenant"]);
  });
});
