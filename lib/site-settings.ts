import "server-only";
import { recordAudit, type AuditActor } from "./audit";
import { db } from "./db";
import { HubError } from "./errors";
import { isTimeZone } from "./time";

/** Hub-wide settings: for now, the time zone booking pages show weeks in. */
export const DEFAULT_TIME_ZONE = "Europe/London";
const ID = "default";

export async function readSiteTimeZone(): Promise<string> {
  const row = await db.hubSettings.findUnique({ where: { id: ID } });
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}

export async function saveSiteTimeZone(actor: AuditActor, timeZone: string): Promise<void> {
  if (!isTimeZone(timeZone)) {
    throw new HubError("invalid_input", { message: "Choose a time zone from the list, like Europe/London" }, { field: "timeZone" });
  }
  await db.$transaction(async (tx) => {
    await tx.hubSettings.upsert({ where: { id: ID }, create: { id: ID, timeZone }, update: { timeZone } });
    await recordAudit(tx, { actor, action: "hub.settings.saved", target: "hub", fields: ["timeZone"] });
  });
}
