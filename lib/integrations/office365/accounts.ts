import "server-only";
import { recordAudit, type AuditActor } from "../../audit";
import { db, purgeDeletedSecrets } from "../../db";
import { AccountStatus } from "../../db/enums";
import { HubError } from "../../errors";
import type { TokenSet } from "./azure-ad";
import { withAccountGraph } from "./graph";
import { missingPermissions, parseScopes, type NEEDED_PERMISSIONS } from "./permissions";
import { AUDIT_TARGET } from "./settings";
import type { AzureAdVersion } from "./settings-schema";
import { storeTokens } from "./token-store";

/** Connected Office 365 accounts: listing, saving after sign-in, removing, and checking they still work. */
export type { AccountStatus };

export type AccountView = {
  id: string;
  email: string;
  displayName: string | null;
  azureAdVersion: AzureAdVersion;
  connectedAt: Date;
  connectedByEmail: string;
  status: AccountStatus;
  statusReason: string | null;
  missingPermissions: typeof NEEDED_PERMISSIONS;
};

export async function listAccounts(): Promise<AccountView[]> {
  const rows = await db.connectedAccount.findMany({ orderBy: { email: "asc" } });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    azureAdVersion: row.azureAdVersion,
    connectedAt: row.connectedAt,
    connectedByEmail: row.connectedByEmail,
    status: row.status,
    statusReason: row.statusReason,
    missingPermissions: missingPermissions(parseScopes(row.scopes)),
  }));
}

export async function countAccounts(): Promise<{ total: number; needReconnect: number }> {
  const [total, needReconnect] = await Promise.all([
    db.connectedAccount.count(),
    db.connectedAccount.count({ where: { status: "reconnect_required" } }),
  ]);
  return { total, needReconnect };
}

export type Identity = { tenantId: string; objectId: string; email: string; displayName: string | null };

/**
 * Saves an account after a successful sign-in: the same (tenant, object id) is renewed in place, never added twice.
 * Account, tokens and audit record are written in one transaction.
 */
export async function saveConnectedAccount(
  actor: AuditActor,
  identity: Identity,
  tokens: TokenSet & { refreshToken: string },
  version: AzureAdVersion,
): Promise<{ id: string; email: string; reconnected: boolean }> {
  return db.$transaction(async (tx) => {
    const key = { tenantId: identity.tenantId, objectId: identity.objectId };
    const existing = await tx.connectedAccount.findUnique({ where: { tenantId_objectId: key } });
    const values = {
      email: identity.email,
      displayName: identity.displayName,
      azureAdVersion: version,
      scopes: tokens.scopes.join(" "),
      status: AccountStatus.connected,
      statusCode: null,
      statusReason: null,
      connectedAt: new Date(),
      connectedByEmail: actor.email,
    };
    const account = await tx.connectedAccount.upsert({
      where: { tenantId_objectId: key },
      create: { ...key, ...values },
      update: values,
    });
    await storeTokens(tx, account.id, tokens);
    await recordAudit(tx, {
      actor,
      action: existing ? "office365.account.reconnected" : "office365.account.connected",
      target: AUDIT_TARGET,
      detail: identity.email,
    });
    return { id: account.id, email: account.email, reconnected: existing !== null };
  });
}

export async function findAccount(id: string) {
  return db.connectedAccount.findUnique({ where: { id } });
}

/**
 * Disconnects an account: the account and its tokens go in one transaction, recorded in the audit log (which names
 * the address, never a token); then no copy of the tokens is left in the database's files (db.ts). Copies taken
 * earlier can only be killed at Microsoft, by revoking the account's sessions in Entra: apps cannot revoke a refresh
 * token themselves.
 */
export async function removeAccount(actor: AuditActor, id: string): Promise<{ email: string }> {
  const removed = await db.$transaction(async (tx) => {
    const account = await tx.connectedAccount.findUnique({ where: { id } });
    if (!account) throw new HubError("account_not_found");
    await tx.accountToken.deleteMany({ where: { accountId: id } });
    await tx.connectedAccount.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "office365.account.removed", target: AUDIT_TARGET, detail: account.email });
    return { email: account.email };
  });
  await purgeDeletedSecrets();
  return removed;
}

export type ConnectionTest = { displayName: string | null; email: string };

/** Calls Graph as the account (renewing its token if needed) and reports who Microsoft says it is. */
export async function testConnection(id: string): Promise<ConnectionTest> {
  const account = await findAccount(id);
  if (!account) throw new HubError("account_not_found");
  const me = await withAccountGraph(
    id,
    (client) => client.api("/me").select(["id", "displayName", "mail", "userPrincipalName"]).get() as Promise<GraphUser>,
    { permission: "User.Read", subject: account.email },
  );
  return { displayName: me.displayName ?? null, email: me.mail ?? me.userPrincipalName ?? account.email };
}

export type GraphUser = { id: string; displayName?: string | null; mail?: string | null; userPrincipalName?: string | null };
