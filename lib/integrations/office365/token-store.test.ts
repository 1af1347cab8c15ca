import { beforeEach, describe, expect, it, vi } from "vitest";
import { USERS } from "../../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../../scripts/test/office365";
import type { SessionUser } from "../../auth/session";
import { db } from "../../db";
import { unseal } from "../../vault";
import { testConnection } from "./accounts";
import { MicrosoftError } from "./microsoft-errors";
import { accessTokenFor } from "./token-store";

const { control } = emulatorForThisFile();
let admin: SessionUser;
let accountId: string;

const tokenRequests = async () => (await control().requests()).filter((request) => request.service === "login" && /\/token$/.test(request.path));
const expireStoredAccessToken = () => db.accountToken.updateMany({ data: { accessTokenExpiresAt: new Date(Date.now() - 60_000) } });
const storedRefreshToken = async () => {
  const row = await db.accountToken.findUniqueOrThrow({ where: { accountId } });
  return unseal(row.refreshToken, `office365.account.refreshToken:${accountId}`);
};

beforeEach(async () => {
  await control().reset();
  admin = await resetOffice365Data();
  await configure(admin);
  await connect(control(), admin, USERS.alice.email);
  accountId = (await db.connectedAccount.findFirstOrThrow()).id;
  await control().clearRequests();
});

describe("token store", () => {
  it("returns the stored access token while it is fresh, without asking Microsoft", async () => {
    const issued = (await control().tokens(USERS.alice.email)).accessTokens.at(-1)?.value;
    expect(await accessTokenFor(accountId)).toBe(issued);
    expect(await tokenRequests()).toHaveLength(0);
  });

  it("renews an expired access token once for 100 concurrent callers, and stores the rotated refresh token", async () => {
    const before = await storedRefreshToken();
    await expireStoredAccessToken();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => accessTokenFor(accountId)));
    expect(new Set(tokens).size).toBe(1);
    const requests = await tokenRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.form.grant_type).toBe("refresh_token");

    const issued = await control().tokens(USERS.alice.email);
    expect(tokens[0]).toBe(issued.accessTokens.at(-1)?.value);
    const after = await storedRefreshToken();
    expect(after).not.toBe(before);
    expect(after).toBe(issued.refreshTokens.at(-1)?.value);
    expect((await db.connectedAccount.findUniqueOrThrow({ where: { id: accountId } })).lastRefreshedAt).not.toBeNull();
  });

  it("does not renew on every call when Microsoft issues tokens shorter-lived than the usual five-minute margin", async () => {
    await control().setConfig({ accessTokenLifetimeSeconds: 120 });
    await expireStoredAccessToken();
    await accessTokenFor(accountId);
    // A 2-minute token is renewed in its last quarter (30 s), not at once because it has less than 5 minutes left.
    for (let i = 0; i < 200; i++) await accessTokenFor(accountId);
    expect(await tokenRequests()).toHaveLength(1);
    const stored = await db.accountToken.findUniqueOrThrow({ where: { accountId } });
    expect(stored.accessTokenExpiresAt.getTime() - stored.accessTokenIssuedAt!.getTime()).toBeGreaterThan(110_000);
    // Inside its last quarter it is renewed once more.
    await db.accountToken.updateMany({ data: { accessTokenIssuedAt: new Date(Date.now() - 100_000), accessTokenExpiresAt: new Date(Date.now() + 20_000) } });
    await Promise.all(Array.from({ length: 50 }, () => accessTokenFor(accountId)));
    expect(await tokenRequests()).toHaveLength(2);
  });

  it("marks the account Reconnect required when Microsoft revoked its refresh token (invalid_grant)", async () => {
    await control().revokeUser(USERS.alice.email, "revoked");
    await expireStoredAccessToken();
    const failure = await accessTokenFor(accountId).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MicrosoftError);
    expect((failure as MicrosoftError).kind).toBe("invalid_grant");
    const account = await db.connectedAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(account).toMatchObject({ status: "reconnect_required", statusCode: "grant_revoked" });
    expect(account.statusReason).toContain("Reconnect");
    // Then it is not even tried again until reconnected.
    await expect(accessTokenFor(accountId)).rejects.toMatchObject({ code: "reconnect_required" });
    expect(await tokenRequests()).toHaveLength(1);
  });

  it("flags the settings, not the account, when the client secret is refused (invalid_client)", async () => {
    await control().updateApp("6731de76-14a6-49ae-97bc-6eba6914391e", { secrets: [{ value: "Emu8Q~multi-tenant-secret-value-000000000000", expired: true }] });
    await expireStoredAccessToken();
    await expect(accessTokenFor(accountId)).rejects.toMatchObject({ kind: "invalid_client", code: "client_secret_expired", aadsts: 7000222 });
    expect((await db.connectedAccount.findUniqueOrThrow({ where: { id: accountId } })).status).toBe("connected");
    expect((await db.office365Settings.findFirstOrThrow()).problemCode).toBe("client_secret_expired");
  });

  it("retries throttling (honouring Retry-After) and outages, marking nothing", async () => {
    await control().addFault({ service: "login", pathPattern: "/token$", status: 429, headers: { "Retry-After": "1" }, times: 1 });
    await expireStoredAccessToken();
    const started = Date.now();
    expect(await accessTokenFor(accountId)).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await tokenRequests()).toHaveLength(2);

    await control().clearRequests();
    await control().addFault({ service: "login", pathPattern: "/token$", status: 503, times: 3 });
    await expireStoredAccessToken();
    await expect(accessTokenFor(accountId)).rejects.toMatchObject({ kind: "transient" });
    expect(await tokenRequests()).toHaveLength(3);
    expect((await db.connectedAccount.findUniqueOrThrow({ where: { id: accountId } })).status).toBe("connected");
    expect((await db.office365Settings.findFirstOrThrow()).problemCode).toBeNull();
  });

  it("renews and retries once when Graph stops accepting an access token early (401)", async () => {
    await control().expireAccessTokens(USERS.alice.email);
    expect(await testConnection(accountId)).toEqual({ displayName: USERS.alice.displayName, email: USERS.alice.email });
    expect(await tokenRequests()).toHaveLength(1);
    const graphCalls = (await control().requests()).filter((request) => request.service === "graph");
    expect(graphCalls.map((request) => request.status)).toEqual([401, 200]);
    expect(graphCalls.every((request) => request.headers["client-request-id"])).toBe(true);
  });
});

/**
 * Another server process's token store: a second copy of the module, with its own in-memory single-flight, on the
 * same database (the test's one client), as a second instance of the hub has.
 */
async function anotherProcess(): Promise<typeof import("./token-store")> {
  vi.resetModules();
  return import("./token-store");
}

describe("token renewal across instances", () => {
  it("renews once when two processes each have 100 callers with the expired token at the same moment", async () => {
    const other = await anotherProcess();
    await expireStoredAccessToken();
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? accessTokenFor : other.accessTokenFor)(accountId)));
    expect(await tokenRequests()).toHaveLength(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toBe((await control().tokens(USERS.alice.email)).accessTokens.at(-1)?.value);
    expect((await db.accountToken.findUniqueOrThrow({ where: { accountId } })).renewalLeaseUntil).toBeNull();
  });

  it("waits for a renewal another process holds, then takes it over when that process died (its lease ran out)", async () => {
    await expireStoredAccessToken();
    await db.accountToken.updateMany({ data: { renewalLeaseUntil: new Date(Date.now() + 1_500) } });
    const started = Date.now();
    expect(await accessTokenFor(accountId)).toBe(await accessTokenFor(accountId));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(await tokenRequests()).toHaveLength(1);
  });

  it("gives the lease back when Microsoft refuses, so that the next caller may try", async () => {
    await control().addFault({ service: "login", pathPattern: "/token$", status: 503, times: 3 });
    await expireStoredAccessToken();
    await expect(accessTokenFor(accountId)).rejects.toMatchObject({ kind: "transient" });
    expect((await db.accountToken.findUniqueOrThrow({ where: { accountId } })).renewalLeaseUntil).toBeNull();
    expect(await accessTokenFor(accountId)).toBeTruthy();
    expect(await tokenRequests()).toHaveLength(4);
  });
});

describe("Graph calls as an account", () => {
  it("say why when the account's access was revoked, instead of blaming the network", async () => {
    await control().revokeUser(USERS.alice.email, "revoked");
    await expireStoredAccessToken();
    await expect(testConnection(accountId)).rejects.toMatchObject({ code: "grant_revoked", aadsts: 50173, message: expect.stringContaining("Reconnect") });
  });
});
