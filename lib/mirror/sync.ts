import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { DateTime } from "luxon";
import { environment } from "../config";
import { db } from "../db";
import type { MirrorMode } from "../db/enums";
import { HubError } from "../errors";
import { PROCESS_OWNER } from "../jobs";
import { log } from "../log";
import { readCalendarDelta, netChanges, type DeltaRound, type MirroredEvent } from "../integrations/office365/calendar/delta";
import type { CalendarSource } from "../integrations/office365/calendar/sources";
import {
  createSubscription,
  deleteSubscription,
  notificationsPossible,
  reauthorizeSubscription,
  renewSubscription,
  type SubscriptionTarget,
} from "../integrations/office365/calendar/subscriptions";
import { readSiteTimeZone } from "../site-settings";
import { sourceOfResource, toResource, type Resource } from "../resources/resources";
import { mirrorWindow, sameWindow, syncJobName } from "./freshness";

/**
 * One round of a resource's mirror (run as its job, once across instances: scheduler.ts): keep the subscription
 * (create, renew well before it expires, reauthorize, re-create after removal), then a delta round — from the last
 * deltaLink, or a full read of the window when there is none, when it moved (a new day, a new Book up to) or when
 * Microsoft let the state go (410). A round's changes and its deltaLink are saved in one transaction; a failed round
 * changes no events and is recorded in words, and the mirror goes stale (answers are then read live).
 */
export const MAX_MIRROR_EVENTS = 20_000;
/** Renewed once less than this is left of its ~70 hours. */
const RENEW_WHEN_LEFT_MS = 36 * 3600_000;
/** After Microsoft refused a subscription, the hub polls and asks again this often. */
const SUBSCRIPTION_RETRY_MS = 60 * 60_000;
export const NOTIFICATION_PATH = "/jadu/integrations/office365/notifications";
export const LIFECYCLE_PATH = `${NOTIFICATION_PATH}/lifecycle`;

type MirrorRow = NonNullable<Awaited<ReturnType<typeof db.calendarMirror.findUnique>>>;
type Problem = { code: string; message: string } | null;

export const hashClientState = (clientState: string) => createHash("sha256").update(clientState, "utf8").digest("hex");

/** How a round went, for when the next one runs (scheduler.ts); null when the resource (or its mirror) is gone. */
export type RoundOutcome = { mode: MirrorMode; failed: boolean; lastSuccessAt: Date | null; /** Another round saved first: run again. */ superseded?: boolean } | null;

export async function syncMirror(resourceId: string, now = Date.now()): Promise<RoundOutcome> {
  const row = await db.resource.findUnique({ where: { id: resourceId }, include: { mirror: true } });
  if (!row?.mirror) return null;
  const resource = toResource(row);
  const mirror = row.mirror;
  const startedAt = new Date(now);
  let source: CalendarSource;
  try {
    source = await sourceOfResource(resource);
  } catch (error) {
    await recordProblem(resourceId, asHubError(error), startedAt);
    return { mode: mirror.mode, failed: true, lastSuccessAt: mirror.lastSyncAt };
  }

  const subscription = await keepSubscription(mirror, { source, calendarId: resource.calendar.calendarId }, now);
  const wanted = mirrorWindow(resource.rules.bookUpToDays, await readSiteTimeZone(), now);
  const rebase = !mirror.deltaLink || !sameWindow(mirror, wanted);
  let round: DeltaRound;
  let full = rebase;
  try {
    try {
      round = await readCalendarDelta(source, resource.calendar.calendarId, rebase ? { start: toDateTime(wanted.start), end: toDateTime(wanted.end) } : { deltaLink: mirror.deltaLink! }, {
        maxEvents: MAX_MIRROR_EVENTS,
      });
    } catch (error) {
      // Microsoft let the state go, or more changed since the last round than a round reads: read the window afresh.
      if (!(error instanceof HubError && (error.code === "sync_state_expired" || error.code === "mirror_too_big")) || rebase) throw error;
      log.info("mirror.resync", { resourceId, reason: error.code });
      full = true;
      round = await readCalendarDelta(source, resource.calendar.calendarId, { start: toDateTime(wanted.start), end: toDateTime(wanted.end) }, { maxEvents: MAX_MIRROR_EVENTS });
    }
  } catch (error) {
    const failure = asHubError(error);
    log.warn("mirror.round_failed", { resourceId, errorCode: failure.code });
    await recordProblem(resourceId, failure, startedAt, subscription);
    return { mode: subscription.mode, failed: true, lastSuccessAt: mirror.lastSyncAt };
  }
  const saved = await saveRound(resource, round, { full, window: wanted, startedAt, subscription, seenChanges: mirror.changeSeq, seenLastSync: mirror.lastSyncAt });
  return saved ? { mode: subscription.mode, failed: false, lastSuccessAt: startedAt } : { mode: subscription.mode, failed: false, lastSuccessAt: mirror.lastSyncAt, superseded: true };
}

const toDateTime = (date: Date) => DateTime.fromJSDate(date, { zone: "utc" });

type SubscriptionState = {
  mode: MirrorMode;
  subscriptionId: string | null;
  subscriptionExpiresAt: Date | null;
  clientStateHash: string | null;
  subscriptionAttemptAt: Date | null;
  /** What keeps it from notifications, in words (null: notifications, or polling was chosen). */
  problem: Problem;
  /** The lifecycle event this round handled (cleared if no newer one came meanwhile). */
  handled: string | null;
};

/** Notifications wanted (HUB_NOTIFICATIONS, or an https site) and possible for this calendar: keep a subscription. */
async function keepSubscription(mirror: MirrorRow, target: SubscriptionTarget, now: number): Promise<SubscriptionState> {
  const kept = {
    subscriptionId: mirror.subscriptionId,
    subscriptionExpiresAt: mirror.subscriptionExpiresAt,
    clientStateHash: mirror.clientStateHash,
    subscriptionAttemptAt: mirror.subscriptionAttemptAt,
    handled: mirror.lifecyclePending,
  };
  const polling = (problem: Problem, fields: Partial<typeof kept> = {}): SubscriptionState => ({ ...kept, ...fields, mode: "polling", problem });
  const none = { subscriptionId: null, subscriptionExpiresAt: null, clientStateHash: null };

  if (!environment().notifications) {
    // Switched to polling: the subscription Microsoft still has is removed.
    if (mirror.subscriptionId) await forgetSubscription(target.source, mirror.subscriptionId);
    return polling(null, none);
  }
  if (!notificationsPossible(target.source)) return polling(problemOf(new HubError("notifications_not_supported")), none);

  let id = mirror.subscriptionId;
  let expiresAt = mirror.subscriptionExpiresAt;
  // Removed by Microsoft, or expired unrenewed: it is gone; a new one is made.
  if (mirror.lifecyclePending === "subscriptionRemoved" || (expiresAt && expiresAt.getTime() <= now)) id = null;
  try {
    if (id && mirror.lifecyclePending === "reauthorizationRequired") {
      await reauthorizeSubscription(target.source, id);
      log.info("mirror.subscription_reauthorized", { resourceId: mirror.resourceId });
    }
    if (id && (mirror.lifecyclePending === "reauthorizationRequired" || !expiresAt || expiresAt.getTime() - now < RENEW_WHEN_LEFT_MS)) {
      const renewed = await renewSubscription(target.source, id, now);
      expiresAt = renewed.expiresAt;
      log.info("mirror.subscription_renewed", { resourceId: mirror.resourceId, expiresAt: expiresAt.toISOString() });
    }
  } catch (error) {
    const failure = asHubError(error);
    log.warn("mirror.subscription_upkeep_failed", { resourceId: mirror.resourceId, errorCode: failure.code });
    // Only a subscription Microsoft no longer has is made again; after any other failure (busy, unreachable) it is
    // kept and the next round tries again — its lifecycle event stays unhandled, so the copy is not fresh meanwhile.
    if (failure.code !== "not_found") {
      return { ...kept, mode: "notifications", subscriptionId: id, subscriptionExpiresAt: expiresAt, problem: problemOf(failure), handled: null };
    }
    id = null;
  }
  if (id) return { ...kept, mode: "notifications", subscriptionId: id, subscriptionExpiresAt: expiresAt, problem: null };

  // A refusal is not asked again on every round: the mirror polls meanwhile.
  if (mirror.subscriptionAttemptAt && mirror.mode === "polling" && now - mirror.subscriptionAttemptAt.getTime() < SUBSCRIPTION_RETRY_MS && mirror.problemCode) {
    return polling({ code: mirror.problemCode, message: mirror.problem ?? "" }, none);
  }
  const clientState = randomBytes(32).toString("base64url");
  const base = environment().publicUrl;
  try {
    const created = await createSubscription(target, { notificationUrl: `${base}${NOTIFICATION_PATH}`, lifecycleNotificationUrl: `${base}${LIFECYCLE_PATH}` }, clientState, now);
    log.info("mirror.subscription_created", { resourceId: mirror.resourceId, expiresAt: created.expiresAt.toISOString() });
    const made: SubscriptionState = {
      ...kept,
      mode: "notifications",
      subscriptionId: created.id,
      subscriptionExpiresAt: created.expiresAt,
      clientStateHash: hashClientState(clientState),
      subscriptionAttemptAt: new Date(now),
      problem: null,
    };
    // Saved at once: its notifications may come while this round reads the calendar, and must be recognised.
    await db.calendarMirror.update({ where: { resourceId: mirror.resourceId }, data: subscriptionFields(made) });
    return made;
  } catch (error) {
    const failure = subscriptionFailure(asHubError(error), `${base}${NOTIFICATION_PATH}`);
    log.warn("mirror.subscription_refused", { resourceId: mirror.resourceId, errorCode: failure.code });
    return polling(problemOf(failure), { ...none, subscriptionAttemptAt: new Date(now) });
  }
}

/** Microsoft's refusal to subscribe, in words that say what it means for the hub (it polls) and what to do. */
function subscriptionFailure(failure: HubError, url: string): HubError {
  const cause = failure.cause as { code?: string; message?: string } | undefined;
  if (cause?.code === "ValidationError" || /validation/i.test(cause?.message ?? "")) return new HubError("notification_url_unreachable", { url }, { cause: failure });
  if (failure.code === "graph_refused" || failure.code === "graph_forbidden") return new HubError("subscription_refused", { detail: failure.message.replace(/\.$/, "") }, { cause: failure });
  return failure;
}

async function forgetSubscription(source: CalendarSource, id: string) {
  try {
    await deleteSubscription(source, id);
  } catch (error) {
    // It expires on its own within three days; its notifications are dropped meanwhile (unknown subscription).
    log.warn("mirror.subscription_delete_failed", { errorCode: asHubError(error).code });
  }
}

/** Removes a resource's subscription at Microsoft (before the resource itself is removed). */
export async function removeMirrorSubscription(resource: Resource): Promise<void> {
  const mirror = await db.calendarMirror.findUnique({ where: { resourceId: resource.id }, select: { subscriptionId: true } });
  if (!mirror?.subscriptionId) return;
  try {
    await forgetSubscription(await sourceOfResource(resource), mirror.subscriptionId);
  } catch (error) {
    log.warn("mirror.subscription_delete_failed", { resourceId: resource.id, errorCode: asHubError(error).code });
  }
}

const problemOf = (error: HubError): Problem => ({ code: error.code, message: error.message });

function subscriptionFields(subscription: SubscriptionState | undefined) {
  if (!subscription) return {};
  return {
    mode: subscription.mode,
    subscriptionId: subscription.subscriptionId,
    subscriptionExpiresAt: subscription.subscriptionExpiresAt,
    clientStateHash: subscription.clientStateHash,
    subscriptionAttemptAt: subscription.subscriptionAttemptAt,
  };
}

/** The round's lifecycle event is handled; a newer one that came meanwhile stays for the next round. */
async function clearHandled(resourceId: string, subscription: SubscriptionState | undefined, tx: Pick<typeof db, "calendarMirror"> = db) {
  if (subscription?.handled) await tx.calendarMirror.updateMany({ where: { resourceId, lifecyclePending: subscription.handled }, data: { lifecyclePending: null } });
}

async function recordProblem(resourceId: string, failure: HubError, at: Date, subscription?: SubscriptionState) {
  await db.calendarMirror.update({
    where: { resourceId },
    data: { ...subscriptionFields(subscription), problemCode: failure.code, problem: failure.message, problemAt: at },
  });
  await clearHandled(resourceId, subscription);
}

/**
 * Saves a round in one transaction. Most rounds change nothing (a poll of a quiet calendar): those write one row —
 * the deltaLink and the time — and read nothing more. True if saved; false if the round was superseded.
 */
async function saveRound(
  resource: Resource,
  round: DeltaRound,
  {
    full,
    window,
    startedAt,
    subscription,
    seenChanges,
    seenLastSync,
  }: { full: boolean; window: { start: Date; end: Date }; startedAt: Date; subscription: SubscriptionState; seenChanges: number; seenLastSync: Date | null },
): Promise<boolean> {
  const { removed, events } = netChanges(round.changes);
  const changed = full || removed.length > 0 || events.length > 0;
  const ours = events.length > 0 ? await ourEventIds(resource.id, window.start) : new Set<string>();
  const rows = events.map((event: MirroredEvent) => ({
    resourceId: resource.id,
    eventId: event.eventId,
    iCalUId: event.iCalUId,
    start: new Date(event.start),
    end: new Date(event.end),
    showAs: event.showAs,
    ours: ours.has(event.eventId) || (event.iCalUId !== null && ours.has(event.iCalUId)),
  }));
  const saved = await db
    .$transaction(
    async (tx) => {
      // A round that outlived its lease (another instance has taken the job over) saves nothing: its snapshot is older.
      const job = await tx.job.findUnique({ where: { name: syncJobName(resource.id) }, select: { owner: true } });
      if (job?.owner && job.owner !== PROCESS_OWNER) return false;
      if (full) await tx.mirrorEvent.deleteMany({ where: { resourceId: resource.id } });
      else {
        const ids = [...removed, ...events.map((event) => event.eventId)];
        for (let i = 0; i < ids.length; i += 500) await tx.mirrorEvent.deleteMany({ where: { resourceId: resource.id, eventId: { in: ids.slice(i, i + 500) } } });
      }
      if (rows.length > 0) await tx.mirrorEvent.createMany({ data: rows });
      const data = {
        ...subscriptionFields(subscription),
        deltaLink: round.deltaLink,
        windowStart: window.start,
        windowEnd: window.end,
        // The mirror shows Outlook as it was when the round began: freshness counts from then.
        lastSyncAt: startedAt,
        ...(full ? { lastFullSyncAt: startedAt } : {}),
        // (Left as it is by a quiet round: the hub's own writes may have changed it meanwhile.)
        ...(changed ? { eventCount: await tx.mirrorEvent.count({ where: { resourceId: resource.id } }) } : {}),
        problemCode: subscription.problem?.code ?? null,
        problem: subscription.problem?.message ?? null,
        problemAt: subscription.problem ? startedAt : null,
      };
      // Changes told before this round began are in it, so none is pending any more; if one was told since (the count
      // moved), it stays pending for the next round.
      // Another round saved since this one began (one that outlived its lease, and the one that took over): this
      // one saves nothing over it (the transaction is undone), whichever snapshot is newer, and runs again at once.
      // Compared with what this round read, not by clocks, which differ between instances.
      const where = { resourceId: resource.id, lastSyncAt: seenLastSync };
      const cleared = await tx.calendarMirror.updateMany({ where: { ...where, changeSeq: seenChanges }, data: { ...data, syncRequestedAt: null } });
      if (cleared.count === 0 && (await tx.calendarMirror.updateMany({ where, data })).count === 0) throw new Superseded();
      await clearHandled(resource.id, subscription, tx);
      return true;
    },
    // Rewriting a large calendar's rows (up to MAX_MIRROR_EVENTS) can take longer than Prisma's default 5 s.
    { timeout: 60_000, maxWait: 30_000 },
    )
    .catch((error: unknown) => {
      if (error instanceof Superseded) return false;
      throw error;
    });
  if (!saved) log.warn("mirror.round_superseded", { resourceId: resource.id });
  // A quiet poll is not worth a line: at a 60-second interval, 100 calendars would write 144,000 a day.
  else if (changed) log.info("mirror.synced", { resourceId: resource.id, full, changes: round.changes.length });
  else log.debug("mirror.synced", { resourceId: resource.id, full, changes: 0 });
  return saved;
}

/** A newer round was saved while this one ran. */
class Superseded extends Error {}

/** The ids of the hub's own bookings' events in this resource's calendar (an invitation's room copy shares its iCalUId). */
async function ourEventIds(resourceId: string, from: Date): Promise<Set<string>> {
  const bookings = await db.booking.findMany({ where: { resourceId, eventId: { not: null }, end: { gt: from } }, select: { eventId: true, iCalUId: true } });
  return new Set(bookings.flatMap((booking) => [booking.eventId, booking.iCalUId].filter((id): id is string => id !== null)));
}

function asHubError(error: unknown): HubError {
  if (error instanceof HubError) return error;
  log.error("mirror.unexpected_failure", { error });
  return new HubError("internal_error", undefined, { cause: error });
}
