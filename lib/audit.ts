import "server-only";
import { z } from "zod";
import { db, type DbTransaction } from "./db";
import { parseStoredJson } from "./db/json";

const auditDetails = z.object({ fields: z.array(z.string()).optional(), detail: z.string().optional() });

/** Who changed what, and when. `fields` names what changed; values of secrets are never recorded. */
export type AuditActor = { id: string; email: string };
export type AuditEntry = { at: Date; actorEmail: string; action: string; fields: string[]; detail?: string };

export async function recordAudit(
  tx: DbTransaction,
  entry: { actor: AuditActor; action: string; target: string; fields?: string[]; detail?: string },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      target: entry.target,
      details: JSON.stringify({ fields: entry.fields ?? [], ...(entry.detail ? { detail: entry.detail } : {}) }),
    },
  });
}

export async function latestAudit(target: string, action?: string): Promise<AuditEntry | null> {
  const event = await db.auditEvent.findFirst({
    where: { target, ...(action ? { action } : {}) },
    orderBy: { at: "desc" },
  });
  if (!event) return null;
  const details = parseStoredJson(auditDetails, event.details, "audit details");
  return { at: event.at, actorEmail: event.actorEmail, action: event.action, fields: details.fields ?? [], detail: details.detail };
}
