import { describe, expect, it } from "vitest";
import { fieldErrors } from "../../validation";
import { office365SettingsSchema } from "./settings-schema";

const valid = {
  clientId: " 6731DE76-14A6-49AE-97BC-6EBA6914391E ",
  clientSecret: "Abc8Q~x.yZ0123456789abcdefghijklmnopqrs",
  azureAdVersion: "v2",
  tenant: "Organizations",
  cloud: "global",
  clientSecretExpiresOn: "2027-03-31",
};

const errorsFor = (input: Record<string, unknown>, secretSaved = false) => {
  const result = office365SettingsSchema({ secretSaved }).safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
};

describe("Office 365 settings schema", () => {
  it("accepts and normalises valid settings", () => {
    const parsed = office365SettingsSchema({ secretSaved: false }).parse(valid);
    expect(parsed).toEqual({
      clientId: "6731de76-14a6-49ae-97bc-6eba6914391e",
      clientSecret: valid.clientSecret,
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

  it("reports every bad field at once, in form order", () => {
    const errors = errorsFor({ clientId: "x", clientSecret: "", azureAdVersion: "", tenant: "", cloud: "", clientSecretExpiresOn: "x" });
    expect(Object.keys(errors)).toEqual(["clientId", "clientSecret", "azureAdVersion", "tenant", "cloud", "clientSecretExpiresOn"]);
  });
});
