import { describe, expect, it } from "vitest";
import { secretExpiry } from "./secret-expiry";

describe("client secret expiry", () => {
  it("says nothing when the date is unknown or far away", () => {
    expect(secretExpiry(null, "2026-11-27").state).toBe("unknown");
    expect(secretExpiry("2026-12-28", "2026-11-27")).toMatchObject({ state: "ok", daysLeft: 31 });
  });

  it("warns within 30 days, naming the date and what will stop working", () => {
    const expiry = secretExpiry("2026-12-27", "2026-11-27");
    expect(expiry).toMatchObject({ state: "soon", daysLeft: 30 });
    if (expiry.state !== "soon") throw new Error("expected a warning");
    expect(expiry.title).toBe("The Office 365 client secret expires in 30 days, on 27 December 2026");
    expect(expiry.consequence).toContain("AADSTS7000222");
    expect(secretExpiry("2026-11-27", "2026-11-27")).toMatchObject({ state: "soon", title: expect.stringContaining("expires today") });
  });

  it("reports a past date as expired", () => {
    expect(secretExpiry("2026-11-26", "2026-11-27")).toMatchObject({
      state: "expired",
      title: "The Office 365 client secret expired on 26 November 2026",
    });
  });
});
