import "server-only";
import { recordAudit, type AuditActor } from "../../audit";
import { db, type DbTransaction } from "../../db";
import { HubError } from "../../errors";
import { withGraph } from "./graph";
import { mailboxSchema } from "./calendar/schemas";
import { readSettings, AUDIT_TARGET } from "./settings";
import { TENANT_ALIASES } from "./settings-schema";

/**
 * Room and shared mailboxes reached with the app registration's application permissions (Calendars.Read /
 * Calendars.ReadWrite, with admin consent), without signing in as them. Before a mailbox is saved, the hub checks it
 * can read its calendar; a failure is shown and nothing is saved.
 */
export type ApplicationMailboxView = { id: string; address: string; displayName: string | null; tenant: string; addedAt: Date; addedByEmail: string };

export async function listApplicationMailboxes(): Promise<ApplicationMailboxView[]> {
  return db.applicationMailbox.findMany({ orderBy: { address: "asc" } });
}

/** App-only tokens need a specific tenant: the settings' tenant, or else the mailbox's domain (a verified domain works). */
export async function tenantFor(address: string): Promise<string> {
  const settings = await readSettings();
  if (!settings) throw new HubError("not_configured");
  return (TENANT_ALIASES as readonly string[]).includes(settings.tenant) ? address.split("@")[1]! : settings.tenant;
}

/** A mailbox whose calendar the app has just read with its application permissions: what saving it needs. */
export type CheckedMailbox = { address: string; tenant: string; displayName: string | null; calendar: { id: string; name: string } };

/**
 * Reads the mailbox's default calendar as the app (app-only token), which proves the application permission and admin
 * consent are in place. Nothing is saved; a failure is a HubError about the `address` field.
 */
export async function checkApplicationMailbox(rawAddress: unknown): Promise<CheckedMailbox> {
  const parsed = mailboxSchema.safeParse(rawAddress);
  if (!parsed.success) throw new HubError("invalid_input", { message: "Enter the mailbox's email address, like room.chamber@example.gov.uk" }, { field: "address" });
  const address = parsed.data;
  const tenant = await tenantFor(address);
  const calendar = (await withGraph(
    { kind: "app", tenant },
    (client) => client.api(`/users/${encodeURIComponent(address)}/calendar`).select(["id", "name", "owner"]).get(),
    { permission: "Calendars.Read", subject: `the mailbox ${address}`, access: "application" },
  ).catch((error: unknown) => {
    if (error instanceof HubError) throw error.forField("address");
    throw error;
  })) as { id: string; name?: string; owner?: { name?: string | null } | null };
  return { address, tenant, displayName: calendar.owner?.name ?? null, calendar: { id: calendar.id, name: calendar.name ?? "Calendar" } };
}

/** Saves a checked mailbox in the caller's transaction, with its audit record (so it can be saved with what uses it). */
export async function insertApplicationMailbox(tx: DbTransaction, actor: AuditActor, checked: CheckedMailbox): Promise<ApplicationMailboxView> {
  if (await tx.applicationMailbox.findUnique({ where: { address: checked.address } })) {
    throw new HubError("mailbox_exists", { address: checked.address }, { field: "address" });
  }
  const mailbox = await tx.applicationMailbox.create({
    data: { address: checked.address, displayName: checked.displayName, tenant: checked.tenant, addedByEmail: actor.email },
  });
  await recordAudit(tx, { actor, action: "office365.mailbox.added", target: AUDIT_TARGET, detail: checked.address });
  return mailbox;
}

export async function addApplicationMailbox(actor: AuditActor, rawAddress: unknown): Promise<ApplicationMailboxView> {
  const parsed = mailboxSchema.safeParse(rawAddress);
  if (parsed.success && (await db.applicationMailbox.findUnique({ where: { address: parsed.data } }))) {
    throw new HubError("mailbox_exists", { address: parsed.data }, { field: "address" });
  }
  const checked = await checkApplicationMailbox(rawAddress);
  return db.$transaction((tx) => insertApplicationMailbox(tx, actor, checked));
}

export async function removeApplicationMailbox(actor: AuditActor, id: string): Promise<{ address: string }> {
  return db.$transaction(async (tx) => {
    const mailbox = await tx.applicationMailbox.findUnique({ where: { id } });
    if (!mailbox) throw new HubError("mailbox_not_in_list");
    await tx.applicationMailbox.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "office365.mailbox.removed", target: AUDIT_TARGET, detail: mailbox.address });
    return { address: mailbox.address };
  });
}
