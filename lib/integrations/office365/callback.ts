import "server-only";
import { z } from "zod";
import type { SessionUser } from "../../auth/session";
import { db } from "../../db";
import { HubError } from "../../errors";
import { log } from "../../log";
import { unseal } from "../../vault";
import { recordAudit } from "../../audit";
import { saveConnectedAccount, type GraphUser, type Identity } from "./accounts";
import { azureAd, type TokenSet } from "./azure-ad";
import { stateId, statePurpose } from "./authorize";
import { CLOUDS } from "./clouds";
import { createGraphClient } from "./graph";
import { readUnsignedIdToken, verifyV2IdToken } from "./id-token";
import { microsoftApp } from "./microsoft-app";
import { MicrosoftError, aadstsCode, graphError } from "./microsoft-errors";
import { redirectUri } from "./redirect-uri";
import { AUDIT_TARGET } from "./settings";
import type { AzureAdVersion } from "./settings-schema";
import { requestToken } from "./token-endpoint";

/**
 * Microsoft's redirect back to /jadu/integrations/office365/callback. The state must be one this hub issued to this
 * admin in the last 10 minutes, and is spent on first use whatever happens next. Then: Microsoft's own error, or the
 * code is exchanged (with the PKCE verifier and the client secret), the v2.0 ID token is verified, and the account's
 * identity is read from Graph /me. Nothing is stored unless every step succeeds.
 */
export type StateProblem = "missing" | "unknown" | "expired" | "other_admin";

export type CallbackOutcome =
  | { kind: "connected"; accountId: string; reconnected: boolean }
  | { kind: "admin_consented"; tenant: string }
  | { kind: "state_problem"; reason: StateProblem }
  | { kind: "refused"; problem: string; aadsts?: number; adminConsent?: boolean };

const callbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(8192).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(4096).optional(),
  error_codes: z.string().max(200).optional(),
  admin_consent: z.string().max(10).optional(),
  tenant: z.string().max(200).optional(),
});

const PROBLEM_CODE = /^[A-Za-z0-9_]{1,64}$/;

export async function completeAuthorization(user: SessionUser, query: URLSearchParams): Promise<CallbackOutcome> {
  const params = callbackQuery.safeParse(Object.fromEntries(query));
  if (!params.success || !params.data.state) return { kind: "state_problem", reason: "missing" };
  const { state, code, error, error_description } = params.data;

  const id = stateId(state);
  const record = await db.oAuthState.findUnique({ where: { id } });
  // Spent now, whoever presents it: a replay finds nothing.
  const spent = await db.oAuthState.deleteMany({ where: { id } });
  if (!record || spent.count === 0) return { kind: "state_problem", reason: "unknown" };
  if (record.userId !== user.id) return { kind: "state_problem", reason: "other_admin" };
  if (record.expiresAt.getTime() < Date.now()) return { kind: "state_problem", reason: "expired" };

  if (error) {
    const aadsts = aadstsCode({ error_description });
    log.warn("office365.connect_refused_by_microsoft", { error, aadsts, purpose: record.purpose });
    const adminConsent = record.purpose === "admin_consent" ? { adminConsent: true } : {};
    return { kind: "refused", problem: PROBLEM_CODE.test(error) ? error : "microsoft_error", aadsts, ...adminConsent };
  }
  if (record.purpose === "admin_consent") return recordAdminConsent(user, params.data);
  if (record.purpose !== "connect") return { kind: "state_problem", reason: "unknown" };
  if (!code) return { kind: "refused", problem: "no_code" };

  try {
    const version = record.azureAdVersion as AzureAdVersion;
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
  if (!tokens.idToken) throw new HubError("no_id_token", "Microsoft did not say which organisation the account belongs to.");
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
    throw new HubError("identity_mismatch", "Microsoft Graph answered for a different account than the one that signed in.");
  }
  // mail is null for accounts without an Exchange mailbox address; the user principal name is their sign-in name.
  const email = me.mail ?? me.userPrincipalName;
  if (!email) throw new HubError("no_email", "Microsoft did not give an email address or sign-in name for the account.");
  return { tenantId: claims.tid.toLowerCase(), objectId: me.id.toLowerCase(), email: email.toLowerCase(), displayName: me.displayName ?? null };
}

/** Microsoft's answer to Grant admin consent: ?admin_consent=True&tenant=… */
async function recordAdminConsent(user: SessionUser, query: { admin_consent?: string; tenant?: string }): Promise<CallbackOutcome> {
  if (query.admin_consent?.toLowerCase() !== "true" || !query.tenant) return { kind: "refused", problem: "admin_consent_missing", adminConsent: true };
  const tenant = query.tenant.toLowerCase();
  await db.$transaction(async (tx) => {
    await tx.office365Settings.updateMany({ data: { adminConsentAt: new Date(), adminConsentTenant: tenant } });
    await recordAudit(tx, { actor: user, action: "office365.admin_consent.granted", target: AUDIT_TARGET, detail: tenant });
  });
  log.info("office365.admin_consent_granted", { tenant, userId: user.id });
  return { kind: "admin_consented", tenant };
}
