import { z } from "zod";
import { joinUrl } from "./clouds";
import { DELEGATED_GRAPH_SCOPES, SIGN_IN_SCOPES, parseScopes } from "./permissions";
import type { AzureAdVersion } from "./settings-schema";

/**
 * The two Azure AD versions, described side by side: where they live, how they name the API the tokens are for,
 * and how to read their token responses. One authorize/callback flow (authorize.ts, callback.ts) uses whichever the
 * settings choose. Facts: ../shared/microsoft-protocol.md, and
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow (v2.0),
 * https://learn.microsoft.com/previous-versions/azure/active-directory/azuread-dev/v1-protocols-oauth-code (v1.0).
 */
export type TokenSet = {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken?: string;
  idToken?: string;
  scopes: string[];
};

export type AzureAdProvider = {
  version: AzureAdVersion;
  authorizeUrl(loginUrl: string, tenant: string): string;
  tokenUrl(loginUrl: string, tenant: string): string;
  /** Says which API the tokens are for: v1.0 names the resource, v2.0 lists scopes. */
  apiParameters(graphResource: string): Record<string, string>;
  /** For the client-credentials grant (app-only tokens). */
  appOnlyParameters(graphResource: string): Record<string, string>;
  readTokenResponse(json: unknown, now?: Date): TokenSet;
};

// Numbers arrive as strings from v1.0 ("3599") and as numbers from v2.0; accept both, reject anything else.
const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const tokenResponse = z.object({
  token_type: z.string().refine((type) => type.toLowerCase() === "bearer", "token_type must be Bearer"),
  access_token: z.string().min(1),
  expires_in: seconds,
  expires_on: seconds.optional(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  resource: z.string().optional(),
});

function parse(json: unknown) {
  const parsed = tokenResponse.safeParse(json);
  if (!parsed.success) throw new Error(`Unexpected token response from Microsoft: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const azureAdV1: AzureAdProvider = {
  version: "v1",
  authorizeUrl: (loginUrl, tenant) => joinUrl(loginUrl, tenant, "oauth2/authorize"),
  tokenUrl: (loginUrl, tenant) => joinUrl(loginUrl, tenant, "oauth2/token"),
  // v1.0 ignores scopes: permissions are those configured on the app registration.
  apiParameters: (graphResource) => ({ resource: graphResource }),
  appOnlyParameters: (graphResource) => ({ resource: graphResource }),
  readTokenResponse(json, now = new Date()) {
    const body = parse(json);
    // expires_on is an absolute time (epoch seconds); prefer it over expires_in when present.
    const expiresAt = body.expires_on ? new Date(body.expires_on * 1000) : new Date(now.getTime() + body.expires_in * 1000);
    return {
      accessToken: body.access_token,
      accessTokenExpiresAt: expiresAt,
      refreshToken: body.refresh_token,
      idToken: body.id_token,
      scopes: parseScopes(body.scope),
    };
  },
};

export const azureAdV2: AzureAdProvider = {
  version: "v2",
  authorizeUrl: (loginUrl, tenant) => joinUrl(loginUrl, tenant, "oauth2/v2.0/authorize"),
  tokenUrl: (loginUrl, tenant) => joinUrl(loginUrl, tenant, "oauth2/v2.0/token"),
  // Sending `resource` to v2.0 fails with AADSTS901002.
  apiParameters: () => ({ scope: [...SIGN_IN_SCOPES, ...DELEGATED_GRAPH_SCOPES].join(" ") }),
  appOnlyParameters: (graphResource) => ({ scope: `${graphResource}/.default` }),
  readTokenResponse(json, now = new Date()) {
    const body = parse(json);
    return {
      accessToken: body.access_token,
      accessTokenExpiresAt: new Date(now.getTime() + body.expires_in * 1000),
      refreshToken: body.refresh_token,
      idToken: body.id_token,
      // offline_access is never echoed back, even when granted.
      scopes: parseScopes(body.scope),
    };
  },
};

export function azureAd(version: AzureAdVersion): AzureAdProvider {
  return version === "v1" ? azureAdV1 : azureAdV2;
}
