import { describe, expect, it } from "vitest";
import { aadstsCode, aadstsErrorCode, authorizeErrorCode, graphError, tokenEndpointError } from "./microsoft-errors";
import { describeConnectProblem } from "./connect-problems";

const body = (error: string, code: number, extra: Record<string, unknown> = {}) => ({
  error,
  error_description: `AADSTS${code}: Something.\r\nTrace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 2026-11-27 12:00:00Z`,
  error_codes: [code],
  ...extra,
});

describe("token endpoint errors", () => {
  it.each([70008, 700082, 50173, 65001])("invalid_grant AADSTS%i means the account must reconnect", (code) => {
    const error = tokenEndpointError(400, body("invalid_grant", code));
    expect(error.kind).toBe("invalid_grant");
    expect(error.aadsts).toBe(code);
    expect(error.code).toBe(aadstsErrorCode(code));
    expect(error.message).toMatch(/reconnect|consent/i);
  });

  it("invalid_client means the settings need attention, with what to do", () => {
    const wrong = tokenEndpointError(401, body("invalid_client", 7000215));
    expect(wrong.kind).toBe("invalid_client");
    expect(wrong.message).toContain("Value, not its Secret ID");
    const expired = tokenEndpointError(401, body("invalid_client", 7000222));
    expect(expired.message).toContain("expired");
    expect(tokenEndpointError(400, body("unauthorized_client", 700016)).kind).toBe("invalid_client");
  });

  it.each([
    [700027, "upload it in Microsoft Entra under Certificates & secrets"],
    [700024, "server's clock"],
    [700023, "Check Tenant, Cloud and Azure AD version"],
    [700021, "Check Client ID"],
  ])("a refused certificate assertion (AADSTS%i) flags the settings and says what to do", (code, advice) => {
    const error = tokenEndpointError(401, body("invalid_client", code));
    expect(error.kind).toBe("invalid_client");
    expect(error.message).toContain(`AADSTS${code}`);
    expect(error.message).toContain(advice);
  });

  it("throttling, outages and unreadable answers are transient", () => {
    expect(tokenEndpointError(429, {}).kind).toBe("transient");
    expect(tokenEndpointError(503, "<html>").kind).toBe("transient");
    expect(tokenEndpointError(400, body("temporarily_unavailable", 90033)).kind).toBe("transient");
  });

  it("finds the AADSTS code in the description when error_codes is missing", () => {
    expect(aadstsCode({ error_description: "AADSTS50194: Application is not configured as a multi-tenant application." })).toBe(50194);
  });
});

describe("messages an admin can act on", () => {
  it.each([
    [50011, "redirect URI"],
    [50194, "Directory (tenant) ID"],
    [700016, "Client ID"],
    [7000215, "Value, not its Secret ID"],
    [7000222, "new client secret"],
    [65001, "consent"],
    [65004, "declined"],
    [700082, "90 days"],
    [50173, "Reconnect"],
  ])("AADSTS%i mentions %s", (code, words) => {
    // As the callback passes it to the page: the catalogue's code for the number, and the number.
    expect(describeConnectProblem(authorizeErrorCode("invalid_request", code), code)).toContain(words);
    expect(describeConnectProblem(tokenEndpointError(400, body("invalid_grant", code)).code, code)).toContain(words);
  });

  it("explains unknown codes without reflecting input", () => {
    expect(describeConnectProblem(authorizeErrorCode("access_denied"))).toContain("cancelled or the permissions were declined");
    expect(describeConnectProblem("microsoft_refused", 99999)).toContain("AADSTS99999");
    // A crafted problem code is not echoed back.
    expect(describeConnectProblem("<b>owned</b>")).not.toContain("owned");
  });
});

describe("Graph errors", () => {
  it("names the missing permission on 403, the mailbox on unknown users, and asks to wait on 429", () => {
    expect(graphError({ statusCode: 403, code: "ErrorAccessDenied" }, { permission: "Calendars.ReadWrite.Shared", subject: "room@x" }).message).toContain(
      "lacks permission Calendars.ReadWrite.Shared",
    );
    const unknown = graphError({ statusCode: 404, code: "ErrorInvalidUser" }, { subject: "nobody@council.example" });
    expect(unknown.code).toBe("mailbox_not_found");
    expect(unknown.message).toContain("nobody@council.example");
    expect(graphError({ statusCode: 429, requestId: "abc" }).message).toContain("Microsoft request ID abc");
    expect(graphError(new TypeError("fetch failed")).code).toBe("graph_unreachable");
  });

  it("says a mailbox is not shared, not that a permission is missing, when the account holds the .Shared permission", () => {
    const refused = graphError({ statusCode: 403, code: "ErrorAccessDenied" }, { sharedMailbox: { mailbox: "director@x", account: "desk@x" } });
    expect(refused.code).toBe("mailbox_not_shared");
    expect(refused.message).toContain("director@x is not shared with desk@x");
    expect(refused.message).toContain("application access");
    expect(refused.message).not.toContain("Entra");
  });

  it("reads any 403 from the Places API as Place.Read.All missing, whatever code Graph wraps it in", () => {
    const wrapped = { statusCode: 403, code: "UnknownError", message: '{"code":"invalid_permissions","message":"place.read.all permission is required"}' };
    for (const failure of [wrapped, { statusCode: 403, code: "ErrorAccessDenied" }]) {
      const refused = graphError(failure, { places: true, access: "delegated", subject: "the room directory" });
      expect(refused.code).toBe("places_forbidden");
      expect(refused.message).toContain("the connected account's access lacks Place.Read.All");
      expect(refused.toJSON("staff").message).not.toContain("Entra");
    }
  });

  it("words failures for staff without set-up instructions they cannot follow", () => {
    const refused = graphError({ statusCode: 403, code: "ErrorAccessDenied" }, { permission: "Calendars.Read", subject: "the room", access: "application" });
    expect(refused.toJSON("admin").message).toContain("Grant admin consent");
    expect(refused.toJSON("staff").message).not.toContain("Entra");
    expect(refused.toJSON("staff").message).toContain("hub administrator");
  });
});
