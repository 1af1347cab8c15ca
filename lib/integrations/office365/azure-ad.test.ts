import { describe, expect, it } from "vitest";
import { azureAdV1, azureAdV2 } from "./azure-ad";

const now = new Date("2026-11-27T12:00:00Z");

describe("Azure AD v1.0", () => {
  it("uses /oauth2/authorize and /oauth2/token with a resource", () => {
    expect(azureAdV1.authorizeUrl("https://login.microsoftonline.com", "organizations")).toBe(
      "https://login.microsoftonline.com/organizations/oauth2/authorize",
    );
    expect(azureAdV1.tokenUrl("https://emulator.test:8443/login", "council.gov.uk")).toBe("https://emulator.test:8443/login/council.gov.uk/oauth2/token");
    expect(azureAdV1.apiParameters("https://graph.microsoft.us")).toEqual({ resource: "https://graph.microsoft.us" });
  });

  it("reads numbers sent as strings and prefers expires_on", () => {
    const tokens = azureAdV1.readTokenResponse(
      {
        token_type: "Bearer",
        scope: "Calendars.ReadWrite User.Read",
        expires_in: "3599",
        ext_expires_in: "3599",
        expires_on: "1795780800",
        not_before: "1795777200",
        resource: "https://graph.microsoft.com",
        access_token: "at",
        refresh_token: "rt",
        id_token: "header.payload.",
      },
      now,
    );
    expect(tokens).toEqual({
      accessToken: "at",
      accessTokenExpiresAt: new Date(1795780800 * 1000),
      refreshToken: "rt",
      idToken: "header.payload.",
      scopes: ["Calendars.ReadWrite", "User.Read"],
    });
  });
});

describe("Azure AD v2.0", () => {
  it("uses /oauth2/v2.0 endpoints with scopes, never a resource", () => {
    expect(azureAdV2.authorizeUrl("https://login.partner.microsoftonline.cn", "common")).toBe(
      "https://login.partner.microsoftonline.cn/common/oauth2/v2.0/authorize",
    );
    const parameters = azureAdV2.apiParameters("https://graph.microsoft.com");
    expect(parameters).not.toHaveProperty("resource");
    expect(parameters.scope?.split(" ")).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "offline_access", "User.Read", "Calendars.ReadWrite", "Calendars.ReadWrite.Shared"]),
    );
    expect(azureAdV2.appOnlyParameters("https://graph.microsoft.us")).toEqual({ scope: "https://graph.microsoft.us/.default" });
  });

  it("reads numbers and computes the expiry from expires_in", () => {
    const tokens = azureAdV2.readTokenResponse(
      { token_type: "Bearer", scope: "https://graph.microsoft.com/Calendars.ReadWrite openid profile email", expires_in: 3599, ext_expires_in: 3599, access_token: "at" },
      now,
    );
    expect(tokens.accessTokenExpiresAt).toEqual(new Date(now.getTime() + 3599_000));
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.scopes).toEqual(["Calendars.ReadWrite", "openid", "profile", "email"]);
  });

  it("refuses a response without an access token or with a non-bearer type", () => {
    expect(() => azureAdV2.readTokenResponse({ token_type: "Bearer", expires_in: 1 })).toThrow(/Unexpected token response/);
    expect(() => azureAdV2.readTokenResponse({ token_type: "pop", expires_in: 1, access_token: "x" })).toThrow(/Bearer/);
  });
});
