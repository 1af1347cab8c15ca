import "server-only";
import { z } from "zod";
import type { SessionUser } from "../../auth/session";
import { db } from "../../db";
import { HubError, type ErrorCode } from "../../errors";
import { log } from "../../log";
import { unseal } from "../../vault";
import { recordAudit } from "../../audit";
import { saveConnectedAccount, type GraphUser, type Identity } from "./accounts";
import { azureAd, type TokenSet } from "./azure-ad";
import { stateId, statePurpose } from "./authorize";
import { CLOUDS } from "./clouds";
import { createGraphClient } from "./graph";
import { readUnsignedIdToken, tenantIdOf, verifyV2IdToken } from "./id-token";
import { microsoftApp } from "./microsoft-app";
import { MicrosoftError, aadstsCode, authorizeErrorCode, graphError } from "./microsoft-errors";
import type { StateProblem } from "./connect-problems";
import { redirectUri } from "./redirect-uri";
import { AUDIT_TARGET } from "./settings";
import { TENANT_ALIASES } from "./settings-schema";
import type { AzureAdVersion } from "./settings-schema";
import { requestToken } from "./token-endpoint";

/**
 * Microsoft's redirect back to /jadu/integrations/office365/callback. The state must be one this hub issued to this
 * admin in the last 10 minutes: whose it is is checked first (another admin cannot spend mine), then it is spent, on
 * first use whatever happens next. Then: Microsoft's own error, or the code is exchanged (with the PKCE verifier and
 * the app's credential), the v2.0 ID token is verified (with the nonce that was sent), and the account's identity is
 * read from Graph /me. Nothing is stored unless every step succeeds.
 */
export type CallbackOutcome =
  | { kind: "connected"; accountId: string; reconnected: boolean }
  | { kind: "admin_consented"; tenant: string }
  | { kind: "state_problem"; reason: StateProblem }
  | { kind: "refused"; problem: ErrorCode; aadsts?: number; adminConsent?: boolean };

const callbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(8192).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(4096).optional(),
  error_codes: z.string().max(200).optional(),
  admin_consent: z.string().max(10).optional(),
  tenant: z.string().max(200).optional(),
});

type StateRecord = NonNullable<Awaited<ReturnType<typeof db.oAuthState.findUnique>>>;

/** This admin's live state, spent now; or why not. */
async function spendState(user: SessionUser, state: string): Promise<StateRecord | StateProblem> {
  const id = stateId(state);
  const record = await db.oAuthState.findUnique({ where: { id } });
  if (!record) return "state_unknown";
  // Checked before spending: presenting someone else's state must not use it up.
  if (record.userId !== user.id) return "state_other_admin";
  // Spent by the first caller only: a replay, even a concurrent one, finds nothing.
  const spent = await db.oAuthState.deleteMany({ where: { id, userId: user.id } });
  if (spent.count === 0) return "state_unknown";
  if (record.expiresAt.getTime() < Date.now()) return "state_expired";
  return record;
}

export async function completeAuthorization(user: SessionUser, query: URLSearchParams): Promise<CallbackOutcome> {
  const params = callbackQuery.safeParse(Object.fromEntries(query));
  if (!params.success || !params.data.state) return { kind: "state_problem", reason: "state_missing" };
  const { state, code, error, error_description } = params.data;

  const record = await spendState(user, state);
  if (typeof record === "string") return { kind: "state_problem", reason: record };
  const id = record.id;

  if (error) {
    const aadsts = aadstsCode({ error_description });
    log.warn("office365.connect_refused_by_microsoft", { error, aadsts, purpose: record.purpose });
    const adminConsent = record.purpose === "admin_consent" ? { adminConsent: true } : {};
    return { kind: "refused", problem: authorizeErrorCode(error, aadsts), aadsts, ...adminConsent };
  }
  if (record.purpose === "admin_consent") return recordAdminConsent(user, record, params.data);
  if (record.purpose !== "connect") return { kind: "state_problem", reason: "state_unknown" };
  if (!code) return { kind: "refused", problem: "no_code" };

  try {
    const version = record.azureAdVersion;
    const app = await microsoftApp();
    const tokens = await requestToken(
      app,
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: redirectUri(),
        code_verifier: unseal(record.codeVerifier ?? "", statePurpose(id, "codeVerifier")),
        ...azureAd(version).apiParameters(app.graphResource),
      },
      { version },
    );
    if (!tokens.refreshToken) return { kind: "refused", problem: "no_refresh_token" };

    const identity = await identify(tokens, version, {
      loginUrl: app.loginUrl,
      cloudLoginUrl: CLOUDS[app.cloud].loginUrl,
      tenant: app.tenant,
      clientId: app.clientId,
      graphUrl: app.graphUrl,
      nonce: record.nonce ? unseal(record.nonce, statePurpose(id, "nonce")) : undefined,
    });
    if (record.accountId) {
      const expected = await db.connectedAccount.findUnique({ where: { id: record.accountId } });
      if (expected && (expected.tenantId !== identity.tenantId || expected.objectId !== identity.objectId)) {
        return { kind: "refused", problem: "reconnect_other_account" };
      }
    }
    const saved = await saveConnectedAccount(user, identity, { ...tokens, refreshToken: tokens.refreshToken }, version);
    log.info("office365.account_connected", { accountId: saved.id, version, reconnected: saved.reconnected });
    return { kind: "connected", accountId: saved.id, reconnected: saved.reconnected };
  } catch (failure) {
    if (failure instanceof MicrosoftError) return { kind: "refused", problem: failure.code, aadsts: failure.aadsts };
    if (failure instanceof HubError) {
      log.warn("office365.connect_failed", { errorCode: failure.code, error: failure });
      return { kind: "refused", problem: failure.code };
    }
    throw failure;
  }
}

async function identify(
  tokens: TokenSet,
  version: AzureAdVersion,
  expected: { loginUrl: string; cloudLoginUrl: string; tenant: string; clientId: string; graphUrl: string; nonce?: string },
): Promise<Identity> {
  if (!tokens.idToken) throw new HubError("no_id_token");
  const claims =
    version === "v2"
      ? await verifyV2IdToken(tokens.idToken, expected)
      : readUnsignedIdToken(tokens.idToken);

  let me: GraphUser;
  try {
    me = (await createGraphClient(expected.graphUrl, async () => tokens.accessToken)
      .api("/me")
      .select(["id", "displayName", "mail", "userPrincipalName"])
      .get()) as GraphUser;
  } catch (failure) {
    throw graphError(failure, { permission: "User.Read", subject: "the signed-in account's profile" });
  }
  if (claims.oid && claims.oid.toLowerCase() !== me.id.toLowerCase()) {
    throw new HubError("identity_mismatch");
  }
  // mail is null for accounts without an Exchange mailbox address; the user principal name is their sign-in name.
  const email = me.mail ?? me.userPrincipalName;
  if (!email) throw new HubError("no_email");
  return { tenantId: claims.tid.toLowerCase(), objectId: me.id.toLowerCase(), email: email.toLowerCase(), displayName: me.displayName ?? null };
}

/**
 * Microsoft's answer to Grant admin consent: ?admin_consent=True&tenant=… . The tenant in the query is only a claim
 * (anyone can edit a URL): it must be the tenant the consent was asked for, or — when it was asked of
 * "organizations" — one where the app can now get an app-only token, before it is recorded.
 */
async function recordAdminConsent(user: SessionUser, record: StateRecord, query: { admin_consent?: string; tenant?: string }): Promise<CallbackOutcome> {
  if (query.admin_consent?.toLowerCase() !== "true" || !query.tenant) return { kind: "refused", problem: "admin_consent_missing", adminConsent: true };
  const tenant = query.tenant.toLowerCase();
  if (!(await consentTenantConfirmed(record.tenant, tenant))) {
    log.warn("office365.admin_consent_unconfirmed", { tenant, requested: record.tenant, userId: user.id });
    return { kind: "refused", problem: "admin_consent_unverified", adminConsent: true };
  }
  await db.$transaction(async (tx) => {
    await tx.office365Settings.updateMany({ data: { adminConsentAt: new Date(), adminConsentTenant: tenant } });
    await recordAudit(tx, { actor: user, action: "office365.admin_consent.granted", target: AUDIT_TARGET, detail: tenant });
  });
  log.info("office365.admin_consent_granted", { tenant, userId: user.id });
  return { kind: "admin_consented", tenant };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function consentTenantConfirmed(requested: string | null, answered: string): Promise<boolean> {
  if (!GUID.test(answered)) return false;
  const app = await microsoftApp();
  if (requested && GUID.test(requested)) return requested === answered;
  // A verified domain: Microsoft's OpenID configuration for it names its tenant id.
  if (requested && !(TENANT_ALIASES as readonly string[]).includes(requested)) return (await tenantIdOf(app.loginUrl, requested)) === answered;
  try {
    await requestToken(app, { grant_type: "client_credentials", ...azureAd(app.azureAdVersion).appOnlyParameters(app.graphResource) }, { tenant: answered });
    return true;
  } catch (error) {
    if (error instanceof HubError) return false;
    throw error;
  }
}
