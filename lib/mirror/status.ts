import "server-only";
import { environment } from "../config";
import { db } from "../db";
import type { MirrorMode } from "../db/enums";
import { staleness, type Staleness } from "./freshness";

/**
 * Each resource's mirror as the Office 365 page shows it to administrators: how it learns of changes, when it last
 * caught up, the subscription's expiry, and any problem in words (from the error catalogue, as recorded by the round).
 */
export type MirrorStatus = {
  resourceId: string;
  name: string;
  mode: MirrorMode | null;
  lastSyncAt: Date | null;
  subscriptionExpiresAt: Date | null;
  eventCount: number;
  /** Whether availability is answered from it now (otherwise live from Microsoft), and why not. */
  state: Staleness;
  problem: string | null;
};

export async function listMirrorStatuses(now = Date.now()): Promise<MirrorStatus[]> {
  const resources = await db.resource.findMany({ select: { id: true, name: true, mirror: true }, orderBy: { name: "asc" } });
  const pollMs = environment().syncIntervalSeconds * 1000;
  return resources.map(({ id, name, mirror }) => ({
    resourceId: id,
    name,
    mode: mirror?.mode ?? null,
    lastSyncAt: mirror?.lastSyncAt ?? null,
    subscriptionExpiresAt: mirror?.mode === "notifications" ? mirror.subscriptionExpiresAt : null,
    eventCount: mirror?.eventCount ?? 0,
    // Over its own window's first day: whether it answers at all.
    state: mirror?.windowStart ? staleness(mirror, { start: mirror.windowStart.getTime(), end: mirror.windowStart.getTime() }, now, pollMs) : "never_synced",
    problem: mirror?.problem ?? null,
  }));
}
