import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "./db";
import { isUniqueViolation } from "./db/errors";
import { log } from "./log";

/**
 * Background work that runs once across every instance of the hub: each server process looks every so often whether
 * a job is due, and the one that claims its row runs it. The claim is a compare-and-swap on the Job row (free lease,
 * due time reached), the same on SQLite and PostgreSQL; the lease lets another process take over when the one running
 * it died. The booking-recovery sweep is the first job; later scheduled work (per-resource sync) is one more name.
 *
 * WHY a lease row rather than a queue (pg-boss, graphile-worker): those need PostgreSQL, and SQLite stays the embedded
 * default, which would then need a second mechanism; the hub already leases its bookings the same way.
 */
export type JobSchedule = {
  /** How often the job runs, across all instances. */
  everyMs: number;
  /** How long one run may hold the job before another process may take it over: longer than a run can take. */
  leaseMs: number;
};

/** This process, as a job's owner: distinct per process even when several run on one host with the same PID. */
export const PROCESS_OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

export type JobRun = "ran" | "not_due" | "failed";

/** Claims the job when it is due and nobody holds it: true if this owner now holds it (and must run it). */
export async function claimJob(name: string, schedule: JobSchedule, owner: string, now = new Date()): Promise<boolean> {
  const claim = () =>
    db.job.updateMany({
      where: { name, nextRunAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { owner, leaseUntil: new Date(now.getTime() + schedule.leaseMs), nextRunAt: new Date(now.getTime() + schedule.everyMs), lastStartedAt: now },
    });
  if ((await claim()).count === 1) return true;
  if (await db.job.findUnique({ where: { name }, select: { name: true } })) return false;
  try {
    await db.job.create({ data: { name, nextRunAt: now } });
  } catch (error) {
    // Another process created it first: it may well have claimed it too, which the claim below tells.
    if (!isUniqueViolation(error)) throw error;
  }
  return (await claim()).count === 1;
}

/**
 * When a job runs next, decided by its run (rather than a period after the claim): the outcome it returned, and when
 * the run began and ended (epoch ms).
 */
export type NextRun<T> = (run: { result: T; startedAt: number; finishedAt: number }) => number;

/**
 * Gives the job back after a run (only if this owner still holds it), recording how it ended; with `next`, due then —
 * unless its due time was brought forward while it ran (moved from what the claim set: someone asked for a run), which
 * stands.
 */
async function releaseJob(name: string, owner: string, error: unknown, next?: { claimed: Date; at: Date }): Promise<void> {
  const data = { owner: null, leaseUntil: null, lastFinishedAt: new Date(), lastError: error === undefined ? null : String(error instanceof Error ? error.message : error).slice(0, 1000) };
  if (next && (await db.job.updateMany({ where: { name, owner, nextRunAt: next.claimed }, data: { ...data, nextRunAt: next.at } })).count === 1) return;
  await db.job.updateMany({ where: { name, owner }, data });
}

/** Runs the job here if it is due and no other process holds it. */
export async function runJobIfDue<T>(
  name: string,
  schedule: JobSchedule,
  work: () => Promise<T>,
  { owner = PROCESS_OWNER, next }: { owner?: string; next?: NextRun<T> } = {},
): Promise<JobRun> {
  const claimedAt = new Date();
  if (!(await claimJob(name, schedule, owner, claimedAt))) return "not_due";
  let result: T;
  try {
    result = await work();
  } catch (error) {
    log.error("job.failed", { job: name, error });
    await releaseJob(name, owner, error);
    return "failed";
  }
  const at = next?.({ result, startedAt: claimedAt.getTime(), finishedAt: Date.now() });
  await releaseJob(name, owner, undefined, at === undefined ? undefined : { claimed: new Date(claimedAt.getTime() + schedule.everyMs), at: new Date(at) });
  return "ran";
}

/**
 * Looks whether the job is due four times per period (so it runs close to its period even though instances look at
 * different moments), one look at a time in this process. Returns a function that stops looking.
 */
export function scheduleJob(name: string, schedule: JobSchedule, work: () => Promise<unknown>): () => void {
  let looking = false;
  const timer = setInterval(
    () => {
      if (looking) return;
      looking = true;
      runJobIfDue(name, schedule, work)
        .catch((error: unknown) => log.error("job.claim_failed", { job: name, error }))
        .finally(() => (looking = false));
    },
    Math.max(250, Math.floor(schedule.everyMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
