import "server-only";
import { environment } from "../config";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { runJobIfDue } from "../jobs";
import { log } from "../log";
import { roundEveryMs, SYNC_JOB_PREFIX, syncJobName } from "./freshness";
import { syncMirror, type RoundOutcome } from "./sync";

/**
 * Runs each resource's mirror round as a job (lib/jobs.ts) named `calendar-sync:<resource id>`: once at a time across
 * every instance, on the schedule of its mode (polling: so that a change in Outlook is in the copy within
 * HUB_SYNC_INTERVAL_SECONDS; with notifications, every 15 minutes), and at once when a notification or the hub's own
 * write asks (its due time set to now). Every process looks four times a second for due rounds (one query) and keeps
 * up to MAX_ROUNDS_AT_ONCE of them running itself, starting the next due one as each ends; a process that receives a
 * notification runs its round straight after answering Microsoft.
 */
const LOOK_EVERY_MS = 250;
// Rounds of different mailboxes are independent (each mailbox has its own limit of 4 requests: sources.ts).
const MAX_ROUNDS_AT_ONCE = 8;
/** Longer than a round can take (a full read of a large calendar, or a subscription's validation). */
const LEASE_MS = 5 * 60_000;
const FAILING_RETRY_MAX_MS = 60 * 60_000;

const pollMs = () => environment().syncIntervalSeconds * 1000;

/**
 * When the resource's next round is due, from how this one went:
 * - polling: early enough that a change made just after this round began is in the copy within the interval — the
 *   next round begins the interval after this one began, less the wait for a look and twice this round's length (the
 *   next may be slower), at most a quarter of the interval (so this holds for rounds shorter than about an eighth of
 *   the interval; longer ones are read as often as that allows, and the copy counts as fresh for twice the interval);
 * - with notifications: the reconciling round, 15 minutes after this one began;
 * - a failing calendar (its round failed, or crashed) is asked less and less often, up to hourly; a notification
 *   still brings its round forward;
 * - a round another saved before (superseded): at once.
 */
export function nextRoundAt(outcome: RoundOutcome, startedAt: number, finishedAt: number, intervalMs = pollMs()): number {
  if (!outcome) return startedAt + intervalMs;
  if (outcome.superseded) return finishedAt;
  const every = roundEveryMs(outcome.mode, intervalMs);
  if (outcome.failed) return finishedAt + Math.min(Math.max(every, finishedAt - (outcome.lastSuccessAt?.getTime() ?? finishedAt)), FAILING_RETRY_MAX_MS);
  if (outcome.mode === "notifications") return startedAt + every;
  return startedAt + every - Math.min(every / 4, 2 * (finishedAt - startedAt) + LOOK_EVERY_MS);
}

const running = new Set<string>();
/** Due rounds from the last look, in the order they fell due, not yet started here. */
let queue: string[] = [];

/** Runs the resource's round here, now, if it is due and nobody else is running it. */
export async function runRound(resourceId: string): Promise<void> {
  // At most MAX_ROUNDS_AT_ONCE here; the others are due and any instance's next look takes them.
  if (running.has(resourceId) || running.size >= MAX_ROUNDS_AT_ONCE) return;
  running.add(resourceId);
  try {
    // Claimed for the polling interval: if this process dies mid-round, the lease (not this) decides the retry.
    await runJobIfDue(syncJobName(resourceId), { everyMs: pollMs(), leaseMs: LEASE_MS }, () => syncMirror(resourceId).catch((error: unknown) => crashed(resourceId, error)), {
      next: ({ result, startedAt, finishedAt }) => nextRoundAt(result, startedAt, finishedAt),
    });
  } finally {
    running.delete(resourceId);
    startQueued();
  }
}

/** A round that failed unexpectedly (a database error, say) is a failed round: it backs off as one. */
async function crashed(resourceId: string, error: unknown): Promise<RoundOutcome> {
  log.error("mirror.round_crashed", { resourceId, error });
  const mirror = await db.calendarMirror.findUnique({ where: { resourceId }, select: { mode: true, lastSyncAt: true } });
  return mirror && { mode: mirror.mode, failed: true, lastSuccessAt: mirror.lastSyncAt };
}

/** Starts queued rounds while there is room. A round no longer due (another instance ran it) is not claimed. */
function startQueued(): void {
  while (queue.length > 0 && running.size < MAX_ROUNDS_AT_ONCE) {
    const next = queue.shift()!;
    if (!running.has(next)) startRounds([next]);
  }
}

/**
 * Asks for a round of these resources' mirrors as soon as possible, on whichever instance gets there first.
 * `changed`: Microsoft said their calendars changed, so until that round has run the mirrors are not fresh.
 */
export async function requestRounds(resourceIds: string[], { changed }: { changed: boolean }, client: Pick<typeof db, "calendarMirror" | "job"> = db): Promise<void> {
  if (resourceIds.length === 0) return;
  const now = new Date();
  // Counted, so a round that began before this cannot clear it (sync.ts compares the count, never two clocks).
  if (changed) await client.calendarMirror.updateMany({ where: { resourceId: { in: resourceIds } }, data: { syncRequestedAt: now, changeSeq: { increment: 1 } } });
  await client.job.updateMany({ where: { name: { in: resourceIds.map(syncJobName) } }, data: { nextRunAt: now } });
}

/** Runs these rounds here, in the background (after the request that asked for them was answered). */
export function startRounds(resourceIds: string[]): void {
  for (const resourceId of resourceIds) {
    runRound(resourceId).catch((error: unknown) => log.error("mirror.round_crashed", { resourceId, error }));
  }
}

/** Every resource has a mirror and a job; a resource added is synced within a second. */
export async function ensureMirrors(): Promise<void> {
  const missing = await db.resource.findMany({ where: { mirror: null }, select: { id: true }, take: 100 });
  for (const { id } of missing) {
    try {
      await db.$transaction([
        db.calendarMirror.create({ data: { resourceId: id, mode: "polling" } }),
        db.job.upsert({ where: { name: syncJobName(id) }, create: { name: syncJobName(id), nextRunAt: new Date() }, update: { nextRunAt: new Date() } }),
      ]);
    } catch (error) {
      // Another instance made it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

/** The due rounds (queued, and started while there is room), and the jobs of resources that are gone (removed). */
async function lookForRounds(): Promise<void> {
  const now = new Date();
  const due = await db.job.findMany({
    where: { name: { startsWith: SYNC_JOB_PREFIX }, nextRunAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { name: true },
    orderBy: { nextRunAt: "asc" },
    take: MAX_ROUNDS_AT_ONCE * 8,
  });
  const ids = due.map((job) => job.name.slice(SYNC_JOB_PREFIX.length));
  queue = [];
  if (ids.length === 0) return;
  const mirrors = new Set((await db.calendarMirror.findMany({ where: { resourceId: { in: ids } }, select: { resourceId: true } })).map((mirror) => mirror.resourceId));
  const gone = ids.filter((id) => !mirrors.has(id));
  if (gone.length > 0) await db.job.deleteMany({ where: { name: { in: gone.map(syncJobName) } } });
  queue = ids.filter((id) => mirrors.has(id) && !running.has(id));
  startQueued();
}

let stop: (() => void) | undefined;

/** Every server process looks for due rounds (instrumentation.ts), and for new resources once a second. Idempotent. */
export function startMirrorSync(): void {
  if (stop) return;
  let looking = false;
  let looks = 0;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    const newResources = looks++ % Math.round(1000 / LOOK_EVERY_MS) === 0 ? ensureMirrors() : Promise.resolve();
    newResources
      .then(lookForRounds)
      .catch((error: unknown) => log.error("mirror.look_failed", { error }))
      .finally(() => (looking = false));
  }, LOOK_EVERY_MS);
  timer.unref();
  stop = () => clearInterval(timer);
}
