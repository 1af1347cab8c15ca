import { DateTime } from "luxon";
import type { MirrorMode } from "../db/enums";

/**
 * When the mirror of a resource's calendar may answer for it, and over which window. Kept pure (no database, no
 * clock of its own) so every rule here is unit-tested (freshness.test.ts).
 *
 * Fresh means: the last delta round succeeded recently enough that Outlook cannot have changed unseen —
 * - with change notifications: the subscription is active (not expired, no lifecycle event unhandled) and a round
 *   succeeded within the last 30 minutes (a reconciling round runs every 15, since push is not fully reliable);
 * - when polling: a round succeeded within twice the polling interval;
 * - and no change Microsoft told the hub about (or the hub asked for) is still waiting for its round.
 * Anything else is stale, and availability is read live from Microsoft (unknown if that fails): never a guess.
 */
export const RECONCILE_MS = 15 * 60_000;
export const FRESH_WITH_NOTIFICATIONS_MS = 30 * 60_000;
/** The window is yesterday to the resource's Book up to horizon, never more than this many days ahead. */
export const MAX_HORIZON_DAYS = 366;
/** Microsoft's clock and the hub's may differ: a subscription counts as ended this long before its expiry. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export type MirrorState = {
  mode: MirrorMode;
  windowStart: Date | null;
  windowEnd: Date | null;
  deltaLink: string | null;
  lastSyncAt: Date | null;
  syncRequestedAt: Date | null;
  subscriptionId: string | null;
  subscriptionExpiresAt: Date | null;
  lifecyclePending: string | null;
};

export type Staleness = "fresh" | "never_synced" | "change_pending" | "subscription_inactive" | "too_old" | "outside_window";

export function staleness(mirror: MirrorState, window: { start: number; end: number }, now: number, pollIntervalMs: number): Staleness {
  if (!mirror.lastSyncAt || !mirror.deltaLink || !mirror.windowStart || !mirror.windowEnd) return "never_synced";
  if (mirror.syncRequestedAt) return "change_pending";
  const age = now - mirror.lastSyncAt.getTime();
  if (mirror.mode === "notifications") {
    const active = mirror.subscriptionId !== null && mirror.subscriptionExpiresAt !== null && mirror.subscriptionExpiresAt.getTime() - EXPIRY_MARGIN_MS > now && mirror.lifecyclePending === null;
    if (!active) return "subscription_inactive";
    if (age > FRESH_WITH_NOTIFICATIONS_MS) return "too_old";
  } else if (age > 2 * pollIntervalMs) return "too_old";
  if (window.start < mirror.windowStart.getTime() || window.end > mirror.windowEnd.getTime()) return "outside_window";
  return "fresh";
}

/** Each resource's round is the job of this name (lib/jobs.ts; run by scheduler.ts). */
export const SYNC_JOB_PREFIX = "calendar-sync:";
export const syncJobName = (resourceId: string) => `${SYNC_JOB_PREFIX}${resourceId}`;

/** How often a mirror's delta round runs: every reconciliation period with notifications, every interval when polling. */
export const roundEveryMs = (mode: MirrorMode, pollIntervalMs: number) => (mode === "notifications" ? RECONCILE_MS : pollIntervalMs);

/**
 * The window a resource's mirror should cover at `now`: from the start of yesterday (in the site's time zone) to the
 * end of the last day it can be booked (Book up to, at most 366 days), plus a day for buffers and the zone's offset.
 * It moves once a day, when the date changes: the mirror is then read again over the new window (re-based).
 */
export function mirrorWindow(bookUpToDays: number, timeZone: string, now: number): { start: Date; end: Date } {
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf("day");
  const start = today.minus({ days: 1 });
  const end = today.plus({ days: Math.min(Math.max(bookUpToDays, 0), MAX_HORIZON_DAYS) + 2 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** Whether the mirror's window is the one wanted now (otherwise the next round re-bases it). */
export const sameWindow = (mirror: Pick<MirrorState, "windowStart" | "windowEnd">, wanted: { start: Date; end: Date }) =>
  mirror.windowStart?.getTime() === wanted.start.getTime() && mirror.windowEnd?.getTime() === wanted.end.getTime();
