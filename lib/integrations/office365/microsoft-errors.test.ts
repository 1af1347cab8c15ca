import { describe, expect, it } from "vitest";
import { aadstsCode, graphError, tokenEndpointError } from "./microsoft-errors";
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
    expect(error.code).toBe(`AADSTS${code}`);
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
    expect(describeConnectProblem(`AADSTS${code}`)).toContain(words);
  });

  it("explains unknown codes without reflecting input", () => {
    expect(describeConnectProblem("access_denied")).toContain("cancelled or the permissions were declined");
    expect(describeConnectProblem("AADSTS99999")).toContain("AADSTS99999");
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
});
