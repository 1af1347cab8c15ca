import "server-only";
import { azureAd } from "./azure-ad";
import { microsoftApp } from "./microsoft-app";
import { requestToken } from "./token-endpoint";
import { SingleFlight } from "../../single-flight";
import { renewalMargin } from "./token-store";

/**
 * App-only tokens (client-credentials grant) for mailboxes reached with application permissions. They come from a
 * tenant-specific authority (common/organizations are refused: AADSTS9001023) and carry no refresh token, so they
 * live in memory only, renewed shortly before they expire, one request per tenant at a time. They are keyed by the
 * settings' version too: after new settings or a new admin consent (which adds roles), old tokens are never reused.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
const cache = new Map<string, { token: string; issuedAt: Date; expiresAt: Date }>();
const requests = new SingleFlight<string>();

export async function appTokenFor(tenant: string, { forceRefresh = false } = {}): Promise<string> {
  const app = await microsoftApp();
  const key = `${tenant.toLowerCase()}|${app.clientId}|${app.version}`;
  const cached = cache.get(key);
  if (!forceRefresh && cached && cached.expiresAt.getTime() - Date.now() > renewalMargin(cached.issuedAt, cached.expiresAt)) return cached.token;
  return requests.run(key, async () => {
    const tokens = await requestToken(
      app,
      { grant_type: "client_credentials", ...azureAd(app.azureAdVersion).appOnlyParameters(app.graphResource) },
      { tenant },
    );
    cache.set(key, { token: tokens.accessToken, issuedAt: new Date(), expiresAt: tokens.accessTokenExpiresAt });
    return tokens.accessToken;
  });
}
