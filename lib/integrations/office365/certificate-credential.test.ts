import { decodeJwt } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APPS, TENANTS, USERS } from "../../../e2e/microsoft/directory";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { configure, connect, resetOffice365Data } from "../../../scripts/test/office365";
import type { SessionUser } from "../../auth/session";
import { db } from "../../db";
import { appTokenFor } from "./app-tokens";
import { generateCertificate, type KeyPair } from "./certificate";
import { readSettings } from "./settings";
import { accessTokenFor } from "./token-store";

/**
 * The hub with a certificate credential against the emulator over HTTPS, where the app registration has the
 * certificate uploaded and client secrets forbidden (an app management policy): every grant, both Azure AD versions.
 */
const { emulator, control } = emulatorForThisFile();
let admin: SessionUser;
let pair: KeyPair;
let other: KeyPair;

const tokenRequests = async () => (await control().requests()).filter((request) => request.service === "login" && /\/token$/.test(request.path));
const useCertificate = (overrides: Record<string, string> = {}) =>
  configure(admin, { credentialType: "certificate", clientSecret: "", privateKey: pair.privateKeyPem, certificate: pair.certificatePem, ...overrides });

beforeAll(async () => {
  [pair, other] = await Promise.all([generateCertificate({ commonName: "Integrations Hub unit" }), generateCertificate({ commonName: "Someone else" })]);
});

beforeEach(async () => {
  await control().reset();
  await control().uploadCertificate(APPS.multi.clientId, pair.certificatePem);
  await control().forbidSecrets(APPS.multi.clientId);
  admin = await resetOffice365Data();
});

describe.each(["v1", "v2"] as const)("a certificate credential with Azure AD %s", (version) => {
  it("authenticates authorization code, refresh and client credentials requests with a client assertion, never a secret", async () => {
    await useCertificate({ azureAdVersion: version });
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "connected" });
    const account = await db.connectedAccount.findFirstOrThrow();
    await db.accountToken.updateMany({ data: { accessTokenExpiresAt: new Date(Date.now() - 60_000) } });
    await accessTokenFor(account.id);
    await appTokenFor(TENANTS.council.domain);

    const requests = await tokenRequests();
    expect(requests.map((request) => request.form.grant_type)).toEqual(["authorization_code", "refresh_token", "client_credentials"]);
    const path = version === "v2" ? "/oauth2/v2.0/token" : "/oauth2/token";
    for (const request of requests) {
      expect(request.status).toBe(200);
      expect(request.path.endsWith(path)).toBe(true);
      expect(request.form).not.toHaveProperty("client_secret");
      expect(request.form.client_assertion_type).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      // Addressed to the very endpoint it was sent to: the settings' tenant, the account's own tenant, a tenant for app-only.
      expect(decodeJwt(request.form.client_assertion!).aud).toBe(`${emulator().loginUrl}${request.path}`);
    }
    expect(requests.map((request) => request.path.split("/")[1])).toEqual(["organizations", TENANTS.council.id, TENANTS.council.domain]);
    expect((await readSettings())?.problem).toBeNull();
  });
});

describe("refusals an admin can act on", () => {
  it("a certificate that is not uploaded to the app registration: AADSTS700027, with what to upload where", async () => {
    await control().removeCertificates(APPS.multi.clientId);
    await control().uploadCertificate(APPS.multi.clientId, other.certificatePem);
    await useCertificate();
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "refused", problem: "certificate_refused", aadsts: 700027 });
    const settings = await readSettings();
    expect(settings?.problem?.code).toBe("certificate_refused");
    expect(settings?.problem?.message).toContain("Download the certificate from the Office 365 page and upload it in Microsoft Entra under Certificates & secrets");
    expect(settings?.problem?.message).toContain("Thumbprint");
    expect(await db.connectedAccount.count()).toBe(0);
    // Once the right certificate is uploaded, the same settings work and the flag clears.
    await control().uploadCertificate(APPS.multi.clientId, pair.certificatePem);
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "connected" });
    expect((await readSettings())?.problem).toBeNull();
  });

  it("a client secret where secrets are forbidden: AADSTS7000215, pointing to the certificate; switching to it keeps working", async () => {
    await configure(admin);
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "refused", problem: "invalid_client_secret", aadsts: 7000215 });
    expect((await readSettings())?.problem?.message).toContain("choose A certificate under Credential");
    await useCertificate();
    expect(await connect(control(), admin, USERS.alice.email)).toMatchObject({ kind: "connected" });
  });

  it("an answer lost after Microsoft spent the assertion is retried with a fresh one (a replayed jti would be refused)", async () => {
    await useCertificate();
    await control().addFault({ service: "login", pathPattern: "/oauth2/v2\\.0/token$", status: 503, afterHandling: true });
    await appTokenFor(TENANTS.council.domain);
    const requests = await tokenRequests();
    expect(requests.map((request) => request.status)).toEqual([503, 200]);
    const [first, second] = requests.map((request) => decodeJwt(request.form.client_assertion!).jti);
    expect(second).not.toBe(first);
  });
});
