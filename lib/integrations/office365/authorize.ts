import "server-only";
import { createHash } from "node:crypto";
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomNonce, generateRandomState } from "oauth4webapi";
import type { SessionUser } from "../../auth/session";
import { environment } from "../../config";
import { db } from "../../db";
import { HubError } from "../../errors";
import { seal } from "../../vault";
import { azureAd } from "./azure-ad";
import { CLOUDS, joinUrl, microsoftHosts } from "./clouds";
import { redirectUri } from "./redirect-uri";
import { readSettings } from "./settings";
import { TENANT_ALIASES } from "./settings-schema";

/**
 * Starting a connection: a random single-use state bound to the signed-in admin (a server record keyed by the state's
 * hash, 10 minutes to live), PKCE S256, a nonce for v2.0's ID token, and the exact registered redirect URI.
 */
export const STATE_LIFETIME_MS = 10 * 60_000;

export function stateId(state: string): string {
  return createHash("sha256").update(state).digest("base64url");
}

export const statePurpose = (id: string, what: "codeVerifier" | "nonce") => `office365.oauthState.${what}:${id}`;

async function configuredSettings() {
  const settings = await readSettings();
  if (!settings) {
    throw new HubError("not_configured");
  }
  return settings;
}

export async function startAuthorization(user: SessionUser, options: { reconnectAccountId?: string } = {}): Promise<string> {
  const settings = await configuredSettings();
  const account = options.reconnectAccountId
    ? await db.connectedAccount.findUnique({ where: { id: options.reconnectAccountId } })
    : null;
  if (options.reconnectAccountId && !account) {
    throw new HubError("account_not_found");
  }

  const provider = azureAd(settings.azureAdVersion);
  const state = generateRandomState();
  const codeVerifier = generateRandomCodeVerifier();
  const nonce = settings.azureAdVersion === "v2" ? generateRandomNonce() : undefined;
  const id = stateId(state);
  const now = Date.now();

  await db.$transaction([
    db.oAuthState.deleteMany({ where: { expiresAt: { lt: new Date(now) } } }),
    db.oAuthState.create({
      data: {
        id,
        userId: user.id,
        purpose: "connect",
        azureAdVersion: settings.azureAdVersion,
        codeVerifier: seal(codeVerifier, statePurpose(id, "codeVerifier")),
        nonce: nonce ? seal(nonce, statePurpose(id, "nonce")) : null,
        accountId: account?.id ?? null,
        expiresAt: new Date(now + STATE_LIFETIME_MS),
      },
    }),
  ]);

  const { loginUrl } = microsoftHosts(settings.cloud, environment());
  const url = new URL(provider.authorizeUrl(loginUrl, settings.tenant));
  const parameters: Record<string, string> = {
    client_id: settings.clientId,
    response_type: "code",
    redirect_uri: redirectUri(),
    response_mode: "query",
    state,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    ...provider.apiParameters(CLOUDS[settings.cloud].graphUrl),
    ...(nonce ? { nonce } : {}),
    // Reconnecting suggests the account; v2.0 does not take login_hint together with select_account.
    ...(account ? { login_hint: account.email } : { prompt: "select_account" }),
  };
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * Grant admin consent: Microsoft's admin-consent page for the tenant, so the app's application permissions (rooms,
 * shared mailboxes) can be used. The answer comes back to the same redirect URI with the same kind of state.
 * https://learn.microsoft.com/entra/identity-platform/v2-admin-consent
 */
export async function startAdminConsent(user: SessionUser): Promise<string> {
  const settings = await configuredSettings();
  const state = generateRandomState();
  const id = stateId(state);
  // A specific tenant when the settings name one; otherwise the signed-in admin's own organisation. Kept with the
  // state: the tenant Microsoft's answer names is checked against it (callback.ts).
  const tenant = (TENANT_ALIASES as readonly string[]).includes(settings.tenant) ? "organizations" : settings.tenant;
  await db.$transaction([
    db.oAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } }),
    db.oAuthState.create({
      data: { id, userId: user.id, purpose: "admin_consent", azureAdVersion: settings.azureAdVersion, tenant, expiresAt: new Date(Date.now() + STATE_LIFETIME_MS) },
    }),
  ]);
  const { loginUrl } = microsoftHosts(settings.cloud, environment());
  const url =
    settings.azureAdVersion === "v2"
      ? new URL(joinUrl(loginUrl, tenant, "v2.0/adminconsent"))
      : new URL(joinUrl(loginUrl, tenant === "organizations" ? "common" : tenant, "adminconsent"));
  url.searchParams.set("client_id", settings.clientId);
  if (settings.azureAdVersion === "v2") url.searchParams.set("scope", `${CLOUDS[settings.cloud].graphUrl}/.default`);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("state", state);
  return url.toString();
}
