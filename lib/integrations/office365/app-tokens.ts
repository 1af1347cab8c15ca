import "server-only";
import { azureAd } from "./azure-ad";
import { microsoftApp } from "./microsoft-app";
import { requestToken } from "./token-endpoint";
import { REFRESH_MARGIN_MS } from "./token-store";

/**
 * App-only tokens (client-credentials grant) for mailboxes reached with application permissions. They come from a
 * tenant-specific authority (common/organizations are refused: AADSTS9001023) and carry no refresh token, so they
 * live in memory only, renewed shortly before they expire, one request per tenant at a time. They are keyed by the
 * settings' version too: after new settings or a new admin consent (which adds roles), old tokens are never reused.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
 */
const cache = new Map<string, { token: string; expiresAt: number }>();
const inFlight = new Map<string, Promise<string>>();

export async function appTokenFor(tenant: string, { forceRefresh = false } = {}): Promise<string> {
  const app = await microsoftApp();
  const key = `${tenant.toLowerCase()}|${app.clientId}|${app.version}`;
  const cached = cache.get(key);
  if (!forceRefresh && cached && cached.expiresAt - Date.now() > REFRESH_MARGIN_MS) return cached.token;
  const pending = inFlight.get(key);
  if (pending) return pending;
  const request = (async () => {
    const tokens = await requestToken(
      app,
      { grant_type: "client_credentials", ...azureAd(app.azureAdVersion).appOnlyParameters(app.graphResource) },
      { tenant },
    );
    cache.set(key, { token: tokens.accessToken, expiresAt: tokens.accessTokenExpiresAt.getTime() });
    return tokens.accessToken;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, request);
  return request;
}
