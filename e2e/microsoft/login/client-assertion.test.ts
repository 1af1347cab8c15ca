import { createPrivateKey } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateCertificate, certificateDetails, type KeyPair } from "../../../lib/integrations/office365/certificate";
import { emulatorForThisFile } from "../../../scripts/test/emulator";
import { APPS, TENANTS } from "../directory";
import { JWT_BEARER } from "./client-assertion";

/** The emulator's token endpoint checking client assertions the way Entra does, with Entra's error codes. */
const { emulator, control } = emulatorForThisFile();
const CLIENT_ID = APPS.multi.clientId;
let uploaded: KeyPair;
let notUploaded: KeyPair;

const endpoint = (tenant: string = TENANTS.council.domain, version: "v1" | "v2" = "v2") =>
  `${emulator().loginUrl}/${tenant}/oauth2${version === "v2" ? "/v2.0" : ""}/token`;

async function assertion(
  claims: JWTPayload = {},
  { pair = uploaded, header = {}, signWith = pair, aud = endpoint() }: { pair?: KeyPair; header?: Record<string, unknown>; signWith?: KeyPair; aud?: unknown } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ aud, iss: CLIENT_ID, sub: CLIENT_ID, jti: crypto.randomUUID(), nbf: now, iat: now, exp: now + 300, ...claims } as JWTPayload)
    .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": certificateDetails(pair.certificatePem).x5tS256, ...header } as { alg: string })
    .sign(createPrivateKey(signWith.privateKeyPem));
}

async function requestToken(clientAssertion: string, url = endpoint(), extra: Record<string, string> = {}) {
  const scope: Record<string, string> = url.includes("/v2.0/") ? { scope: "https://graph.microsoft.com/.default" } : { resource: "https://graph.microsoft.com" };
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_assertion_type: JWT_BEARER, client_assertion: clientAssertion, ...scope, ...extra }),
  });
  const body = (await response.json()) as { error?: string; error_codes?: number[]; error_description?: string; access_token?: string };
  return { status: response.status, ...body, code: body.error_codes?.[0] };
}

beforeAll(async () => {
  [uploaded, notUploaded] = await Promise.all([generateCertificate({ commonName: "Uploaded" }), generateCertificate({ commonName: "Not uploaded" })]);
});

beforeEach(async () => {
  await control().reset();
  await control().uploadCertificate(CLIENT_ID, uploaded.certificatePem);
});

describe("client assertions at the token endpoint", () => {
  it("accepts a well-formed assertion signed with an uploaded certificate, at v1.0 and v2.0", async () => {
    expect(await requestToken(await assertion())).toMatchObject({ status: 200, access_token: expect.any(String) });
    const v1 = endpoint(TENANTS.council.id, "v1");
    expect(await requestToken(await assertion({}, { aud: v1 }), v1)).toMatchObject({ status: 200 });
    // RS256 and the older SHA-1 x5t header are accepted too.
    const x5t = Buffer.from(certificateDetails(uploaded.certificatePem).thumbprint, "hex").toString("base64url");
    expect(await requestToken(await assertion({}, { header: { alg: "RS256", "x5t#S256": undefined, x5t } }))).toMatchObject({ status: 200 });
  });

  it("refuses the same assertion twice (its jti is spent)", async () => {
    const once = await assertion();
    expect((await requestToken(once)).status).toBe(200);
    expect(await requestToken(once)).toMatchObject({ status: 400, error: "invalid_request", code: 50027 });
  });

  it("refuses a certificate the app does not have (700027, naming its thumbprint) and a bad signature (700027)", async () => {
    const unknown = await requestToken(await assertion({}, { pair: notUploaded }));
    expect(unknown).toMatchObject({ status: 401, error: "invalid_client", code: 700027 });
    expect(unknown.error_description).toContain("The key was not found.");
    const forged = await requestToken(await assertion({}, { signWith: notUploaded }));
    expect(forged).toMatchObject({ status: 401, code: 700027 });
    expect(forged.error_description).toContain("The provided signature value did not match the expected signature value.");
  });

  it("refuses an uploaded certificate that has expired in Entra (700027)", async () => {
    const old = await generateCertificate({ commonName: "Old", now: new Date(Date.now() - 400 * 86_400_000), validDays: 365 });
    await control().uploadCertificate(CLIENT_ID, old.certificatePem);
    const result = await requestToken(await assertion({}, { pair: old }));
    expect(result).toMatchObject({ status: 401, code: 700027 });
    expect(result.error_description).toContain("The key used is expired.");
  });

  it.each([
    ["another tenant's endpoint", { aud: "TENANT" }, 700023],
    ["the v1.0 endpoint when sent to v2.0", { aud: "V1" }, 700023],
    ["two audiences", { aud: "TWO" }, 5002741],
  ])("refuses an audience that is %s", async (_name, { aud }, code) => {
    const audience = aud === "TENANT" ? endpoint("organizations") : aud === "V1" ? endpoint(TENANTS.council.domain, "v1") : [endpoint(), endpoint("common")];
    expect(await requestToken(await assertion({}, { aud: audience }))).toMatchObject({ status: 401, error: "invalid_client", code });
  });

  it("refuses iss or sub other than the client ID (700021)", async () => {
    expect(await requestToken(await assertion({ iss: APPS.single.clientId }))).toMatchObject({ status: 401, code: 700021 });
    expect(await requestToken(await assertion({ sub: APPS.single.clientId }))).toMatchObject({ status: 401, code: 700021 });
  });

  it("refuses an expired or not-yet-valid assertion (700024), allowing five minutes of clock skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await requestToken(await assertion({ nbf: now - 900, exp: now - 600 }));
    expect(expired).toMatchObject({ status: 401, code: 700024 });
    expect(expired.error_description).toMatch(/Current time: \d{4}-\d\d-\d\dT[\d:.]+Z, assertion valid from/);
    expect(await requestToken(await assertion({ nbf: now + 600, exp: now + 900 }))).toMatchObject({ status: 401, code: 700024 });
    expect((await requestToken(await assertion({ nbf: now - 400, exp: now - 60 }))).status).toBe(200);
  });

  it("refuses malformed assertions with Microsoft's codes", async () => {
    expect(await requestToken("not-a-jwt")).toMatchObject({ status: 400, code: 50027 });
    expect(await requestToken(await assertion({ jti: undefined }))).toMatchObject({ status: 400, code: 90014 });
    expect(await requestToken(await assertion({}, { header: { "x5t#S256": undefined } }))).toMatchObject({ status: 401, code: 5002723 });
    const hs256 = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("a shared secret of 32 bytes!!!!!"));
    expect(await requestToken(hs256)).toMatchObject({ status: 401, code: 5002738 });
    expect(await requestToken(await assertion(), endpoint(), { client_assertion_type: "urn:other" })).toMatchObject({ status: 400, code: 50027 });
  });
});

describe("an app management policy that forbids client secrets", () => {
  it("removes the app's secrets, refuses new ones, and answers a secret with AADSTS7000215", async () => {
    await control().forbidSecrets(CLIENT_ID);
    await expect(control().updateApp(CLIENT_ID, { secrets: [{ value: "New~secret" }] })).rejects.toThrow(/restricts password addition/);
    const response = await fetch(endpoint(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: APPS.multi.secret, scope: "https://graph.microsoft.com/.default" }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_codes: number[] }).error_codes).toEqual([7000215]);
    expect((await requestToken(await assertion())).status).toBe(200);
  });
});
