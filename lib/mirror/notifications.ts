import "server-only";
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { log } from "../log";
import { requestRounds } from "./scheduler";
import { hashClientState } from "./sync";

/**
 * What Microsoft POSTs to the notification URLs (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks,
 * https://learn.microsoft.com/graph/change-notifications-lifecycle-events). A notification only says that something
 * changed: the hub never trusts its content, it runs a delta round. Each one must carry its subscription's clientState
 * (compared in constant time with the hash the hub keeps); one that does not is dropped and logged. Persisting is one
 * or two updates, so Microsoft gets its answer in milliseconds; the rounds run after the answer (route.ts).
 */
const LIFECYCLE_EVENTS = ["subscriptionRemoved", "reauthorizationRequired", "missed"] as const;
type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

const notification = z
  .object({
    subscriptionId: z.string().min(1).max(200),
    clientState: z.string().max(128).nullish(),
    lifecycleEvent: z.string().max(64).optional(),
  })
  .passthrough();
export const notificationCollection = z.object({ value: z.array(z.unknown()).max(1000) });

export type Received = { accepted: string[]; dropped: number };

const sameSecret = (given: string | null | undefined, hash: string | null) => {
  if (!given || !hash) return false;
  const a = Buffer.from(hashClientState(given), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Persists what the notifications ask for; returns the resources whose rounds should run now. */
export async function receiveNotifications(body: z.infer<typeof notificationCollection>, kind: "change" | "lifecycle"): Promise<Received> {
  const items = body.value.map((item) => notification.safeParse(item)).flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  let dropped = body.value.length - items.length;
  const mirrors = await db.calendarMirror.findMany({
    where: { subscriptionId: { in: [...new Set(items.map((item) => item.subscriptionId))] } },
    select: { resourceId: true, subscriptionId: true, clientStateHash: true },
  });
  const bySubscription = new Map(mirrors.map((mirror) => [mirror.subscriptionId!, mirror]));
  const changed = new Set<string>();
  const lifecycle = new Map<string, LifecycleEvent>();
  const refused = { client_state_mismatch: 0, unknown_subscription: 0 };
  for (const item of items) {
    const mirror = bySubscription.get(item.subscriptionId);
    if (!mirror || !sameSecret(item.clientState, mirror.clientStateHash)) {
      dropped++;
      refused[mirror ? "client_state_mismatch" : "unknown_subscription"]++;
      continue;
    }
    changed.add(mirror.resourceId);
    if (kind === "lifecycle") {
      const event = LIFECYCLE_EVENTS.find((name) => name === item.lifecycleEvent);
      if (!event) {
        log.warn("mirror.lifecycle_unknown", { resourceId: mirror.resourceId });
        continue;
      }
      // subscriptionRemoved outweighs reauthorizationRequired, which outweighs missed (each round handles one).
      const before = lifecycle.get(mirror.resourceId);
      if (!before || LIFECYCLE_EVENTS.indexOf(event) < LIFECYCLE_EVENTS.indexOf(before)) lifecycle.set(mirror.resourceId, event);
      log.info("mirror.lifecycle_event", { resourceId: mirror.resourceId, lifecycleEvent: event });
    }
  }
  // One line however many were dropped: a flood of forged notifications cannot flood the log.
  if (dropped > 0) log.warn("mirror.notifications_dropped", { kind, unreadable: body.value.length - items.length, ...refused });
  const accepted = [...changed];
  if (accepted.length === 0) return { accepted, dropped };
  // One transaction: one wait for the database's write lock (SQLite) and one commit, however many items.
  await db.$transaction(async (tx) => {
    for (const [resourceId, event] of lifecycle) {
      await tx.calendarMirror.updateMany({
        where: { resourceId, OR: [{ lifecyclePending: null }, { lifecyclePending: { in: LIFECYCLE_EVENTS.slice(LIFECYCLE_EVENTS.indexOf(event) + 1) } }] },
        data: { lifecyclePending: event },
      });
    }
    await requestRounds(accepted, { changed: true }, tx);
  });
  return { accepted, dropped };
}
