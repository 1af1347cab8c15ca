import "server-only";
import { db, type DbTransaction } from "../../db";
import { HubError } from "../../errors";
import { log } from "../../log";
import { SingleFlight } from "../../single-flight";
import { seal, unseal } from "../../vault";
import { azureAd, type TokenSet } from "./azure-ad";
import { microsoftApp } from "./microsoft-app";
import { MicrosoftError, signInUnavailable } from "./microsoft-errors";
import type { AzureAdVersion } from "./settings-schema";
import { requestToken } from "./token-endpoint";

/**
 * The one token store. Tokens are encrypted at rest, bound to their account (a token copied to another row does not
 * decrypt). The access token is renewed shortly before it expires; renewals are single-flight per account, and the
 * refresh token Microsoft rotates on every renewal is saved every time (dropping it forces a reconnect within 90 days).
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Of a token's lifetime, the part at its end when it is renewed: short-lived tokens are not renewed on every call. */
const MARGIN_FRACTION = 0.25;

/** How long before expiry a token is renewed: five minutes, or a quarter of its lifetime when that is shorter. */
export function renewalMargin(issuedAt: Date | null, expiresAt: Date): number {
  if (!issuedAt) return REFRESH_MARGIN_MS;
  const lifetime = expiresAt.getTime() - issuedAt.getTime();
  return lifetime > 0 ? Math.min(REFRESH_MARGIN_MS, lifetime * MARGIN_FRACTION) : REFRESH_MARGIN_MS;
}

const purpose = (kind: "access" | "refresh", accountId: string) => `office365.account.${kind}Token:${accountId}`;

export async function storeTokens(tx: DbTransaction, accountId: string, tokens: TokenSet & { refreshToken: string }): Promise<void> {
  const data = {
    accessToken: seal(tokens.accessToken, purpose("access", accountId)),
    accessTokenIssuedAt: new Date(),
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshToken: seal(tokens.refreshToken, purpose("refresh", accountId)),
    // A renewal's lease (renewOnceAcrossInstances) ends with the tokens it brought.
    renewalLeaseUntil: null,
  };
  await tx.accountToken.upsert({ where: { accountId }, create: { accountId, ...data }, update: data });
}

const renewals = new SingleFlight<string>();

async function readAccount(accountId: string) {
  const account = await db.connectedAccount.findUnique({ where: { id: accountId }, include: { token: true } });
  if (!account?.token) throw new HubError("account_not_connected");
  return { ...account, token: account.token };
}

type StoredToken = { accessToken: string; accessTokenIssuedAt: Date | null; accessTokenExpiresAt: Date };

/** The stored access token while it has more than its renewal margin left, else null. */
function freshAccessToken(accountId: string, token: StoredToken): string | null {
  const left = token.accessTokenExpiresAt.getTime() - Date.now();
  return left > renewalMargin(token.accessTokenIssuedAt, token.accessTokenExpiresAt) ? unseal(token.accessToken, purpose("access", accountId)) : null;
}

/** A usable access token for the account, renewing it when it is about to expire (or when `forceRefresh`). */
export async function accessTokenFor(accountId: string, { forceRefresh = false } = {}): Promise<string> {
  const pending = renewals.joinable(accountId);
  if (pending) return pending;

  const account = await readAccount(accountId);
  if (account.status === "reconnect_required") {
    throw new HubError("reconnect_required", { email: account.email, reason: account.statusReason });
  }
  const fresh = forceRefresh ? null : freshAccessToken(accountId, account.token);
  if (fresh) return fresh;
  // Another caller may have started a renewal since the check above: run() joins it rather than starting another.
  return renewals.run(accountId, () => renewOnceAcrossInstances(accountId, account.token.refreshToken));
}

/**
 * How long one process may hold an account's renewal: longer than requestToken can take (three attempts of at most
 * 15 s, with their waits), so a lease runs out only when its holder died. Then another process renews.
 */
export const RENEWAL_LEASE_MS = 60_000;
const FIRST_WAIT_MS = 25;
const LONGEST_WAIT_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Renews once across every server process. In this process the callers already share one promise (SingleFlight);
 * across processes they share the token row: the one whose compare-and-swap takes the row's renewal lease asks
 * Microsoft, the others poll the row (backing off) until its new token is there — or, if the lease runs out without
 * one (its holder died), take the lease themselves. A renewal that finished after this caller's read has already
 * rotated the refresh token (its sealed value changes with every save): its fresh access token is used instead.
 */
async function renewOnceAcrossInstances(accountId: string, refreshTokenSeen: string): Promise<string> {
  const deadline = Date.now() + RENEWAL_LEASE_MS + 5_000;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    const account = await readAccount(accountId);
    // The process that held the lease was told the refresh token is dead: so would this one be.
    if (account.status === "reconnect_required") throw new HubError("reconnect_required", { email: account.email, reason: account.statusReason });
    const renewedMeanwhile = account.token.refreshToken !== refreshTokenSeen;
    const fresh = renewedMeanwhile ? freshAccessToken(accountId, account.token) : null;
    if (fresh) return fresh;
    const now = new Date();
    const { count } = await db.accountToken.updateMany({
      where: { accountId, refreshToken: account.token.refreshToken, OR: [{ renewalLeaseUntil: null }, { renewalLeaseUntil: { lt: now } }] },
      data: { renewalLeaseUntil: new Date(now.getTime() + RENEWAL_LEASE_MS) },
    });
    if (count === 1) {
      // The lease goes with the new tokens (storeTokens clears it), or here when the renewal failed.
      return renew(accountId, account.azureAdVersion, account.tenantId, account.token.refreshToken).catch(async (error: unknown) => {
        await db.accountToken.updateMany({ where: { accountId, refreshToken: account.token.refreshToken }, data: { renewalLeaseUntil: null } });
        throw error;
      });
    }
    // Another process's renewal has outlasted its lease and the wait: Microsoft's token service is not answering it.
    if (Date.now() > deadline) throw signInUnavailable();
    // Another process holds the lease (or rotated the refresh token since the read): look again shortly.
    await sleep(wait);
  }
}

async function renew(accountId: string, version: AzureAdVersion, tenantId: string, sealedRefreshToken: string): Promise<string> {
  const app = await microsoftApp();
  const refreshToken = unseal(sealedRefreshToken, purpose("refresh", accountId));
  let tokens: TokenSet;
  try {
    // The account's own tenant, not the settings' alias: its refresh token was issued there.
    tokens = await requestToken(
      app,
      { grant_type: "refresh_token", refresh_token: refreshToken, ...azureAd(version).apiParameters(app.graphResource) },
      { version, tenant: tenantId },
    );
  } catch (error) {
    if (error instanceof MicrosoftError && error.kind === "invalid_grant") await markReconnectRequired(accountId, error);
    throw error;
  }
  await db.$transaction(async (tx) => {
    // Microsoft may omit a new refresh token; then the current one stays valid.
    await storeTokens(tx, accountId, { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken });
    await tx.connectedAccount.update({
      where: { id: accountId },
      data: { lastRefreshedAt: new Date(), ...(tokens.scopes.length > 0 ? { scopes: tokens.scopes.join(" ") } : {}) },
    });
  });
  log.info("office365.token_renewed", { accountId });
  return tokens.accessToken;
}

export async function markReconnectRequired(accountId: string, error: MicrosoftError): Promise<void> {
  await db.connectedAccount.update({
    where: { id: accountId },
    data: { status: "reconnect_required", statusCode: error.code, statusReason: error.message },
  });
  log.warn("office365.account_needs_reconnect", { accountId, errorCode: error.code });
}
