import "server-only";
import type { Client } from "@microsoft/microsoft-graph-client";
import { KeyedLimiter } from "../../../concurrency";
import { db } from "../../../db";
import { HubError } from "../../../errors";
import { withGraph, type GraphIdentity } from "../graph";
import type { GraphContext } from "../microsoft-errors";
import { tenantFor } from "../mailboxes";
import { parseScopes } from "../permissions";

/**
 * Where a calendar lives and how the hub reaches it:
 * - a connected account's own mailbox (delegated: /me),
 * - another mailbox shared with a connected account (delegated: /users/{address}, the .Shared permissions),
 * - a room or shared mailbox added with application access (app-only token: /users/{address}).
 * Every Graph request for a mailbox goes through one limiter: never more than 4 in flight per mailbox, which is
 * Microsoft's concurrency limit per app and mailbox (beyond it: 429 MailboxConcurrency).
 */
export type SourceRef = { accountId: string; mailbox?: string };

export type CalendarSource = {
  /** Stable key for this account + mailbox, e.g. for grouping and for guarding double bookings. */
  key: string;
  access: "delegated" | "application";
  identity: GraphIdentity;
  /** "/me" or "/users/{address}" */
  path: string;
  /** The mailbox's address (whose calendars these are). */
  address: string;
  /** What to call it in messages. */
  label: string;
  accountId?: string;
  mailboxId?: string;
  /** The shared mailbox reached through a delegated account, if any. */
  mailbox?: string;
  readPermission: string;
  writePermission: string;
  /** Added to every Graph call's context: what a refusal means for this source (microsoft-errors.ts). */
  context: GraphContext;
};

export const MAX_REQUESTS_PER_MAILBOX = 4;
const limiter = new KeyedLimiter(MAX_REQUESTS_PER_MAILBOX);

const unknownAccount = (field: string) => new HubError("unknown_account", undefined, { field });

export async function resolveSource(ref: SourceRef, field = "accountId"): Promise<CalendarSource> {
  // findUnique, not findMany: Prisma batches the findUniques made in the same tick into one query, so callers that
  // resolve many refs at once in parallel (getCalendarAvailability) still make one query for all of them.
  const account = await db.connectedAccount.findUnique({ where: { id: ref.accountId } });
  const mailbox = account ? null : await db.applicationMailbox.findUnique({ where: { id: ref.accountId } });
  return sourceFrom({ account, mailbox }, ref, field);
}

/**
 * Several sources at once, in two queries however many there are (a month of 20 rooms' availability names 20), and
 * without the work in Prisma of 40 single lookups: each its source, or the HubError saying why it cannot be reached
 * (removed, or its account needs reconnecting).
 */
export async function resolveSources(refs: SourceRef[], field = "accountId"): Promise<(CalendarSource | HubError)[]> {
  const ids = [...new Set(refs.map((ref) => ref.accountId))];
  const [accounts, mailboxes] = await Promise.all([
    db.connectedAccount.findMany({ where: { id: { in: ids } } }),
    db.applicationMailbox.findMany({ where: { id: { in: ids } } }),
  ]);
  const accountById = new Map(accounts.map((account) => [account.id, account]));
  const mailboxById = new Map(mailboxes.map((mailbox) => [mailbox.id, mailbox]));
  return refs.map((ref) => {
    try {
      return sourceFrom({ account: accountById.get(ref.accountId) ?? null, mailbox: mailboxById.get(ref.accountId) ?? null }, ref, field);
    } catch (error) {
      if (error instanceof HubError) return error;
      throw error;
    }
  });
}

/** What an id names: a connected account or an application mailbox (an account first, as ids are never both). */
type SourceRecords = {
  account: Awaited<ReturnType<typeof db.connectedAccount.findUnique>>;
  mailbox: Awaited<ReturnType<typeof db.applicationMailbox.findUnique>>;
};

function sourceFrom({ account, mailbox }: SourceRecords, ref: SourceRef, field: string): CalendarSource {
  if (account) {
    if (account.status === "reconnect_required") {
      throw new HubError("reconnect_required", { email: account.email, reason: account.statusReason }, { field });
    }
    const shared = ref.mailbox && ref.mailbox.toLowerCase() !== account.email.toLowerCase() ? ref.mailbox.toLowerCase() : undefined;
    // With the .Shared permission granted (or not reported), a refusal means the mailbox is not shared with it.
    const scopes = parseScopes(account.scopes).map((scope) => scope.toLowerCase());
    const mayReadShared = scopes.length === 0 || scopes.some((scope) => scope.startsWith("calendars.read") && scope.endsWith(".shared"));
    return {
      key: `account:${account.id}:${shared ?? "me"}`,
      access: "delegated",
      identity: { kind: "account", accountId: account.id },
      path: shared ? `/users/${encodeURIComponent(shared)}` : "/me",
      address: shared ?? account.email,
      label: shared ? `${shared} (through ${account.email})` : account.email,
      accountId: account.id,
      mailbox: shared,
      readPermission: shared ? "Calendars.Read.Shared" : "Calendars.Read",
      writePermission: shared ? "Calendars.ReadWrite.Shared" : "Calendars.ReadWrite",
      context: shared && mayReadShared ? { sharedMailbox: { mailbox: shared, account: account.email } } : {},
    };
  }
  if (mailbox) {
    if (ref.mailbox && ref.mailbox.toLowerCase() !== mailbox.address) {
      throw new HubError("mailbox_mismatch", { address: mailbox.address }, { field: "mailbox" });
    }
    return applicationSource(mailbox.address, mailbox.tenant, { mailboxId: mailbox.id, displayName: mailbox.displayName });
  }
  throw unknownAccount(field);
}

/** A mailbox reached with the app's own permissions (app-only token from the tenant's authority). */
function applicationSource(address: string, tenant: string, saved?: { mailboxId: string; displayName: string | null }): CalendarSource {
  return {
    key: saved ? `mailbox:${saved.mailboxId}` : `user:${address}`,
    access: "application",
    identity: { kind: "app", tenant },
    path: `/users/${encodeURIComponent(address)}`,
    address,
    label: saved?.displayName ? `${saved.displayName} (${address})` : address,
    ...(saved ? { mailboxId: saved.mailboxId } : {}),
    readPermission: "Calendars.Read",
    writePermission: "Calendars.ReadWrite",
    context: {},
  };
}

/**
 * The person booking's own mailbox, as the organiser of a room invitation: reached with the app's application
 * permission (Calendars.ReadWrite, admin consent), since hub users do not sign in to Microsoft.
 */
export async function bookerSource(address: string): Promise<CalendarSource> {
  const normalised = address.toLowerCase();
  return applicationSource(normalised, await tenantFor(normalised));
}

/**
 * Where a booking's event is written: the account or application mailbox it names, or — for an invitation from the
 * person booking — their own mailbox (no id, only the address).
 */
export function sourceOfRecord(record: { accountId: string | null; mailboxId: string | null; mailbox: string | null }): Promise<CalendarSource> {
  const id = record.accountId ?? record.mailboxId;
  if (id) return resolveSource({ accountId: id, mailbox: record.mailbox ?? undefined });
  if (record.mailbox) return bookerSource(record.mailbox);
  throw unknownAccount("bookingId");
}

/** Runs Graph calls for a source, within the per-mailbox limit. */
export function graphFor<T>(source: CalendarSource, work: (client: Client) => Promise<T>, context: GraphContext = {}): Promise<T> {
  return limiter.run(source.address.toLowerCase(), () =>
    withGraph(source.identity, work, { subject: source.label, access: source.access, ...source.context, ...context }),
  );
}
