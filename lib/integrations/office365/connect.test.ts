import { beforeEach, describe, expect, it } from "vitest";
import { TENANTS, USERS } from "../../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { configure, connect, resetOffice365Data, signInAtMicrosoft } from "../../../scripts/test/office365";
import { createUser } from "../../auth/users";
import type { SessionUser } from "../../auth/session";
import { db } from "../../db";
import { startAdminConsent, startAuthorization } from "./authorize";
import { completeAuthorization } from "./callback";

const { control } = emulatorForThisFile();
let admin: SessionUser;

beforeEach(async () => {
  await control().reset();
  admin = await resetOffice365Data();
  await configure(admin);
});

describe("authorize", () => {
  it("sends a single-use state, PKCE S256, select_account, query response mode and the exact redirect URI", async () => {
    const url = new URL(await startAuthorization(admin));
    expect(url.pathname).toMatch(/\/login\/organizations\/oauth2\/v2\.0\/authorize$/);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: "code",
      response_mode: "query",
      prompt: "select_account",
      code_challenge_method: "S256",
      redirect_uri: "http://localhost:3000/jadu/integrations/office365/callback",
    });
    expect(params.state?.length).toBeGreaterThan(20);
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.scope).toContain("Calendars.ReadWrite.Shared");
    // Only a hash of the state is stored, bound to this admin, for 10 minutes.
    const record = await db.oAuthState.findFirstOrThrow();
    expect(record.id).not.toBe(params.state);
    expect(record.userId).toBe(admin.id);
    expect(record.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
  });
});

describe("callback", () => {
  it("connects a v2.0 account and identifies it from Graph /me", async () => {
    const outcome = await connect(control(), admin, USERS.alice.email);
    expect(outcome).toMatchObject({ kind: "connected", reconnected: false });
    const account = await db.connectedAccount.findFirstOrThrow({ include: { token: true } });
    expect(account).toMatchObject({ email: USERS.alice.email, objectId: USERS.alice.id, azureAdVersion: "v2", status: "connected" });
    expect(account.token?.refreshToken).toMatch(/^enc:v1:/);
    const token = (await control().requests()).find((request) => request.path.endsWith("/oauth2/v2.0/token"));
    expect(token?.form).toMatchObject({ grant_type: "authorization_code" });
    expect(token?.form.code_verifier).toBeTruthy();
    expect(token?.form).not.toHaveProperty("resource");
  });

  it("connects through v1.0, reading string numbers, and uses userPrincipalName when mail is empty", async () => {
    await configure(admin, { azureAdVersion: "v1", clientSecret: "" });
    expect(await connect(control(), admin, USERS.bob.email)).toMatchObject({ kind: "connected" });
    const account = await db.connectedAccount.findFirstOrThrow({ include: { token: true } });
    expect(account).toMatchObject({ email: USERS.bob.email, azureAdVersion: "v1" });
    expect(account.token!.accessTokenExpiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const token = (await control().requests()).find((request) => request.path.endsWith("/oauth2/token"));
    expect(token?.form).toMatchObject({ grant_type: "authorization_code", resource: "https://graph.microsoft.com" });
  });

  it("renews the same account in place when it connects again", async () => {
    await connect(control(), admin, USERS.alice.email);
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "connected", reconnected: true });
    expect(await db.connectedAccount.count()).toBe(1);
    expect(await db.accountToken.count()).toBe(1);
  });

  it("refuses a forged, replayed, expired or another admin's state, and stores nothing", async () => {
    expect(await completeAuthorization(admin, new URLSearchParams({ code: "x", state: "forged" }))).toEqual({ kind: "state_problem", reason: "state_unknown" });
    expect(await completeAuthorization(admin, new URLSearchParams({ code: "x" }))).toEqual({ kind: "state_problem", reason: "state_missing" });

    await control().nextSignIn({ email: USERS.alice.email });
    const query = await signInAtMicrosoft(await startAuthorization(admin));
    const other = await createUser({ email: "other.admin@example.gov.uk", password: "another passphrase", role: "admin" });
    expect(await completeAuthorization(other, query)).toEqual({ kind: "state_problem", reason: "state_other_admin" });
    // Another admin presenting my state does not spend it: I can still finish my own sign-in, once.
    expect(await completeAuthorization(admin, query)).toMatchObject({ kind: "connected" });
    expect(await completeAuthorization(admin, query)).toEqual({ kind: "state_problem", reason: "state_unknown" });
    await db.connectedAccount.deleteMany();

    await control().nextSignIn({ email: USERS.alice.email });
    const late = await signInAtMicrosoft(await startAuthorization(admin));
    await db.oAuthState.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await completeAuthorization(admin, late)).toEqual({ kind: "state_problem", reason: "state_expired" });

    expect(await db.connectedAccount.count()).toBe(0);
  });

  it("passes on Microsoft's own refusal (consent declined) without storing anything", async () => {
    await control().nextSignIn({ decline: true });
    const query = await signInAtMicrosoft(await startAuthorization(admin));
    expect(await completeAuthorization(admin, query)).toEqual({ kind: "refused", problem: "consent_declined", aadsts: 65004 });
    expect(await db.connectedAccount.count()).toBe(0);
  });

  it("flags the settings when Microsoft rejects the client secret", async () => {
    await configure(admin, { clientSecret: "Wrong~secret-value-that-microsoft-rejects-00" });
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "refused", problem: "invalid_client_secret", aadsts: 7000215 });
    const settings = await db.office365Settings.findFirstOrThrow();
    expect(settings.problemCode).toBe("invalid_client_secret");
    expect(settings.problemMessage).toContain("Value, not its Secret ID");
    await configure(admin, { clientSecret: "Emu8Q~multi-tenant-secret-value-000000000000" });
    expect((await db.office365Settings.findFirstOrThrow()).problemCode).toBeNull();
  });

  it("refuses a reconnect that signs in as a different account", async () => {
    await connect(control(), admin, USERS.alice.email);
    const alice = await db.connectedAccount.findFirstOrThrow();
    expect(await connect(control(), admin, USERS.carol.email, { reconnectAccountId: alice.id })).toEqual({
      kind: "refused",
      problem: "reconnect_other_account",
    });
    expect(await db.connectedAccount.count()).toBe(1);
  });

  it("records admin consent only for a tenant it can confirm, never one edited into the answer", async () => {
    await control().nextAdminConsent({ accept: true });
    const answer = await signInAtMicrosoft(await startAdminConsent(admin));
    expect(answer.get("tenant")).toBe(TENANTS.council.id);
    // The same state, with the tenant edited to one where nobody consented: refused, nothing recorded.
    const forged = new URLSearchParams(answer);
    forged.set("tenant", TENANTS.partner.id);
    expect(await completeAuthorization(admin, forged)).toEqual({ kind: "refused", problem: "admin_consent_unverified", adminConsent: true });
    expect((await db.office365Settings.findFirstOrThrow()).adminConsentTenant).toBeNull();

    await control().nextAdminConsent({ accept: true });
    expect(await completeAuthorization(admin, await signInAtMicrosoft(await startAdminConsent(admin)))).toEqual({ kind: "admin_consented", tenant: TENANTS.council.id });
    expect((await db.office365Settings.findFirstOrThrow()).adminConsentTenant).toBe(TENANTS.council.id);
  });

  it("checks the answered tenant against the one the settings name", async () => {
    await configure(admin, { tenant: "council.example", clientSecret: "" });
    await control().nextAdminConsent({ accept: true });
    const answer = await signInAtMicrosoft(await startAdminConsent(admin));
    const forged = new URLSearchParams(answer);
    forged.set("tenant", TENANTS.partner.id);
    expect(await completeAuthorization(admin, forged)).toMatchObject({ kind: "refused", problem: "admin_consent_unverified" });
    await control().nextAdminConsent({ accept: true });
    expect(await completeAuthorization(admin, await signInAtMicrosoft(await startAdminConsent(admin)))).toEqual({ kind: "admin_consented", tenant: TENANTS.council.id });
  });
});
