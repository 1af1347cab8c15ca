import "server-only";
import { recordAudit, type AuditActor } from "../../audit";
import { db } from "../../db";
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

export async function addApplicationMailbox(actor: AuditActor, rawAddress: unknown): Promise<ApplicationMailboxView> {
  const parsed = mailboxSchema.safeParse(rawAddress);
  if (!parsed.success) throw new HubError("invalid_input", { message: "Enter the mailbox's email address, like room.chamber@example.gov.uk" }, { field: "address" });
  const address = parsed.data;
  if (await db.applicationMailbox.findUnique({ where: { address } })) {
    throw new HubError("mailbox_exists", { address }, { field: "address" });
  }
  const tenant = await tenantFor(address);
  const calendar = (await withGraph(
    { kind: "app", tenant },
    (client) => client.api(`/users/${encodeURIComponent(address)}/calendar`).select(["id", "name", "owner"]).get(),
    { permission: "Calendars.Read", subject: `the mailbox ${address}`, access: "application" },
  ).catch((error: unknown) => {
    if (error instanceof HubError) throw error.forField("address");
    throw error;
  })) as { owner?: { name?: string | null } | null };

  return db.$transaction(async (tx) => {
    const mailbox = await tx.applicationMailbox.create({
      data: { address, displayName: calendar.owner?.name ?? null, tenant, addedByEmail: actor.email },
    });
    await recordAudit(tx, { actor, action: "office365.mailbox.added", target: AUDIT_TARGET, detail: address });
    return mailbox;
  });
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
