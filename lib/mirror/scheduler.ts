import "server-only";
import { environment } from "../config";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { runJobIfDue, type JobSchedule } from "../jobs";
import { log } from "../log";
import { roundEveryMs, SYNC_JOB_PREFIX, syncJobName } from "./freshness";
import { syncMirror } from "./sync";

/**
 * Runs each resource's mirror round as a job (lib/jobs.ts) named `calendar-sync:<resource id>`: once at a time across
 * every instance, on the schedule of its mode (every HUB_SYNC_INTERVAL_SECONDS when polling, every 15 minutes with
 * notifications), and at once when a notification or the hub's own write asks (its due time set to now). Every
 * process looks once a second for due rounds (one query) and runs at most MAX_ROUNDS_AT_ONCE of them itself; a
 * process that receives a notification runs its round straight after answering Microsoft.
 */
const LOOK_EVERY_MS = 1000;
// Rounds of different mailboxes are independent (each mailbox has its own limit of 4 requests: sources.ts).
const MAX_ROUNDS_AT_ONCE = 8;
/** Longer than a round can take (a full read of a large calendar, or a subscription's validation). */
const LEASE_MS = 5 * 60_000;
const FAILING_RETRY_MAX_MS = 60 * 60_000;

const pollMs = () => environment().syncIntervalSeconds * 1000;
const scheduleOf = (mode: "notifications" | "polling"): JobSchedule => ({ everyMs: roundEveryMs(mode, pollMs()), leaseMs: LEASE_MS });

const running = new Set<string>();

/** Runs the resource's round here, now, if it is due and nobody else is running it. */
export async function runRound(resourceId: string): Promise<void> {
  // At most MAX_ROUNDS_AT_ONCE here; the others are due and any instance's next look takes them.
  if (running.has(resourceId) || running.size >= MAX_ROUNDS_AT_ONCE) return;
  running.add(resourceId);
  try {
    const mirror = await db.calendarMirror.findUnique({ where: { resourceId }, select: { mode: true } });
    if (!mirror) return;
    const ran = await runJobIfDue(syncJobName(resourceId), scheduleOf(mirror.mode), () => syncMirror(resourceId));
    if (ran === "not_due") return;
    const after = await db.calendarMirror.findUnique({ where: { resourceId }, select: { mode: true, problemAt: true, lastSyncAt: true } });
    if (!after) return;
    const now = Date.now();
    let next = now + scheduleOf(after.mode).everyMs;
    // A failing calendar (its last round failed: a problem newer than its last success; a note on why it is polled
    // comes with a success) is asked less and less often, up to hourly; a notification still brings its round forward.
    const failing = after.problemAt !== null && (after.lastSyncAt === null || after.problemAt > after.lastSyncAt);
    if (failing) next = now + Math.min(Math.max(scheduleOf(after.mode).everyMs, now - (after.lastSyncAt?.getTime() ?? now)), FAILING_RETRY_MAX_MS);
    // The round may have changed the mode (a subscription made or refused): its next time follows it.
    await db.job.updateMany({ where: { name: syncJobName(resourceId), owner: null, nextRunAt: { gt: new Date(now) } }, data: { nextRunAt: new Date(next) } });
  } finally {
    running.delete(resourceId);
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

/** The due rounds, and the jobs of resources that are gone (removed). */
async function lookForRounds(): Promise<void> {
  await ensureMirrors();
  const now = new Date();
  const due = await db.job.findMany({
    where: { name: { startsWith: SYNC_JOB_PREFIX }, nextRunAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { name: true },
    orderBy: { nextRunAt: "asc" },
    take: MAX_ROUNDS_AT_ONCE * 4,
  });
  const ids = due.map((job) => job.name.slice(SYNC_JOB_PREFIX.length));
  const mirrors = new Set((await db.calendarMirror.findMany({ where: { resourceId: { in: ids } }, select: { resourceId: true } })).map((mirror) => mirror.resourceId));
  const gone = ids.filter((id) => !mirrors.has(id));
  if (gone.length > 0) await db.job.deleteMany({ where: { name: { in: gone.map(syncJobName) } } });
  const todo = ids.filter((id) => mirrors.has(id) && !running.has(id)).slice(0, Math.max(0, MAX_ROUNDS_AT_ONCE - running.size));
  startRounds(todo);
}

let stop: (() => void) | undefined;

/** Every server process looks for due rounds (instrumentation.ts). Returns nothing; idempotent. */
export function startMirrorSync(): void {
  if (stop) return;
  let looking = false;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    lookForRounds()
      .catch((error: unknown) => log.error("mirror.look_failed", { error }))
      .finally(() => (looking = false));
  }, LOOK_EVERY_MS);
  timer.unref();
  stop = () => clearInterval(timer);
}
