import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyV2IdToken } from "./id-token";

/** A stand-in for a tenant's published keys, so tokens can be signed with the right key, or not. */
const TID = "11111111-1111-4111-8111-111111111111";
const CLIENT = "6731de76-14a6-49ae-97bc-6eba6914391e";
let server: Server;
let loginUrl: string;
let sign: (claims: Record<string, unknown>, options?: { wrongKey?: boolean; expiresIn?: string }) => Promise<string>;

beforeAll(async () => {
  const right = await generateKeyPair("RS256");
  const wrong = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(right.publicKey)), kid: "key-1", use: "sig", alg: "RS256" };
  server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.url?.endsWith("/discovery/v2.0/keys")) return void response.end(JSON.stringify({ keys: [jwk] }));
    response.statusCode = 404;
    response.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  loginUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/login`;
  sign = (claims, options = {}) =>
    new SignJWT({ tid: TID, oid: "user-oid", nonce: "n-1", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "key-1" })
      .setIssuer(String(claims.iss ?? `${loginUrl}/${TID}/v2.0`))
      .setAudience(String(claims.aud ?? CLIENT))
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? "1h")
      .sign(options.wrongKey ? wrong.privateKey : right.privateKey);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const expected = () => ({ loginUrl, cloudLoginUrl: "https://login.microsoftonline.com", tenant: "organizations", clientId: CLIENT, nonce: "n-1" });

describe("v2.0 ID token verification", () => {
  it("accepts a token signed by the tenant's key, for this app, with the issuer of its own tenant", async () => {
    expect(await verifyV2IdToken(await sign({}), expected())).toEqual({ tid: TID, oid: "user-oid" });
    // The cloud's real issuer is accepted too when the hub talks to Microsoft through MICROSOFT_LOGIN_URL.
    expect(await verifyV2IdToken(await sign({ iss: `https://login.microsoftonline.com/${TID}/v2.0` }), expected())).toMatchObject({ tid: TID });
  });

  it.each([
    ["another key", {}, { wrongKey: true }, "signature"],
    ["another app", { aud: "00000000-0000-0000-0000-000000000000" }, {}, "audience"],
    ["an expired token", {}, { expiresIn: "-1h" }, "expiry"],
    ["another issuer", { iss: "https://evil.example/v2.0" }, {}, "issuer"],
    ["another sign-in's nonce", { nonce: "n-2" }, {}, "nonce"],
    ["a token without the nonce that was sent", { nonce: undefined }, {}, "nonce"],
  ])("refuses %s", async (_what, claims, options, detail) => {
    await expect(verifyV2IdToken(await sign(claims, options), expected())).rejects.toMatchObject({ code: "id_token_invalid", message: expect.stringContaining(detail) });
  });

  it("refuses a token from another tenant when the settings name a tenant", async () => {
    await expect(verifyV2IdToken(await sign({}), { ...expected(), tenant: "22222222-2222-4222-8222-222222222222" })).rejects.toMatchObject({
      message: expect.stringContaining("tenant"),
    });
  });
});
