import { describe, expect, it } from "vitest";
import { credentialExpiry, secretExpiry } from "./secret-expiry";

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

describe("certificate expiry", () => {
  const certificate = (notAfter: string) => ({ credentialType: "certificate" as const, clientSecretExpiresOn: null, certificate: { notAfter: new Date(notAfter) } });

  it("warns 30 days before the certificate in use expires, with its own consequence and renewal", () => {
    const expiry = credentialExpiry(certificate("2026-12-27T10:00:00Z"), "Europe/London", new Date("2026-11-27T12:00:00Z"));
    expect(expiry).toMatchObject({ state: "soon", daysLeft: 30, title: "The Office 365 certificate expires in 30 days, on 27 December 2026" });
    if (expiry.state !== "soon") throw new Error("expected a warning");
    expect(expiry.consequence).toContain("AADSTS700027");
    expect(expiry.renewal.summary).toContain("Generate a key pair and certificate");
    expect(expiry.renewal.steps.join(" ")).toContain("Upload certificate");
    expect(credentialExpiry(certificate("2026-12-28T10:00:00Z"), "Europe/London", new Date("2026-11-27T12:00:00Z")).state).toBe("ok");
  });

  it("reads the certificate's last day in the site's time zone", () => {
    // 23:30 UTC on 26 December is already 27 December in Auckland.
    expect(credentialExpiry(certificate("2026-12-26T23:30:00Z"), "Pacific/Auckland", new Date("2026-11-27T12:00:00Z"))).toMatchObject({
      expiresOn: "2026-12-27",
    });
  });

  it("reports an expired certificate, and ignores the credential that is not in use", () => {
    expect(credentialExpiry(certificate("2026-11-01T00:00:00Z"), "UTC", new Date("2026-11-27T12:00:00Z"))).toMatchObject({
      state: "expired",
      title: "The Office 365 certificate expired on 1 November 2026",
    });
    const secretInUse = { credentialType: "secret" as const, clientSecretExpiresOn: "2027-06-01", certificate: { notAfter: new Date("2026-11-01T00:00:00Z") } };
    expect(credentialExpiry(secretInUse, "UTC", new Date("2026-11-27T12:00:00Z")).state).toBe("ok");
    const certificateInUse = { ...secretInUse, credentialType: "certificate" as const, clientSecretExpiresOn: "2026-11-01" };
    expect(credentialExpiry({ ...certificateInUse, certificate: { notAfter: new Date("2028-01-01T00:00:00Z") } }, "UTC", new Date("2026-11-27T12:00:00Z")).state).toBe("ok");
  });
});
