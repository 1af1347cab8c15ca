import "server-only";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";

/**
 * Slows down and then refuses repeated failed sign-ins, counted per email address (whether or not it exists, so the
 * lock reveals nothing) and per client address. A lock lasts LOCK_MINUTES.
 *
 * WHY an attempt is counted before its password is checked: checking first and recording afterwards let 40
 * concurrent guesses all pass a check that saw fewer than 10 failures. Each attempt now takes its place in the count
 * with one compare-and-swap on the row (atomic on SQLite and PostgreSQL, across server processes); once the count
 * reaches the limit the key is locked and every later attempt is refused before any password is looked at — even the
 * right one. A success gives its place back (and, for the address, clears the count) unless the key is locked.
 */
export const LOCK_MINUTES = 15;
const WINDOW_MS = 15 * 60_000;

type Policy = { slowAfter: number; lockAfter: number };
const POLICIES = {
  email: { slowAfter: 3, lockAfter: 10 },
  client: { slowAfter: 20, lockAfter: 50 },
} satisfies Record<string, Policy>;

export type ThrottleKeys = { email: string; client: string };
export type ThrottleDecision = { locked: true; retryAt: Date } | { locked: false; delayMs: number };

const keysOf = ({ email, client }: ThrottleKeys) =>
  [
    { key: `email:${email}`, policy: POLICIES.email, clearOnSuccess: true },
    { key: `client:${client}`, policy: POLICIES.client, clearOnSuccess: false },
  ] as const;

/** Half a second more per failure past the policy's threshold, at most three seconds. */
export function delayFor(failures: number, policy: Policy): number {
  if (failures < policy.slowAfter) return 0;
  return Math.min(500 * (failures - policy.slowAfter + 1), 3_000);
}

type Row = { key: string; failures: number; firstFailureAt: Date; lockedUntil: Date | null };

const lockedAt = (row: Row | null, now: Date) => (row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null);
/** Failures that still count: within the window, and not from a lock that has ended. */
const liveFailures = (row: Row | null, now: Date) =>
  row && now.getTime() - row.firstFailureAt.getTime() < WINDOW_MS && !(row.lockedUntil && row.lockedUntil <= now) ? row : null;

/** Takes one place in a key's count, or reports its lock. Retries when another attempt changed the row meanwhile. */
async function reserve(key: string, policy: Policy, now: Date): Promise<{ locked: Date } | { failuresBefore: number }> {
  for (;;) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    const locked = lockedAt(row, now);
    if (locked) return { locked };
    const live = liveFailures(row, now);
    const failures = (live?.failures ?? 0) + 1;
    const data = {
      failures,
      firstFailureAt: live?.firstFailureAt ?? now,
      lockedUntil: failures >= policy.lockAfter ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null,
    };
    if (!row) {
      try {
        await db.signInThrottle.create({ data: { key, ...data } });
        return { failuresBefore: 0 };
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }
    const { count } = await db.signInThrottle.updateMany({
      where: { key, failures: row.failures, firstFailureAt: row.firstFailureAt, lockedUntil: row.lockedUntil },
      data,
    });
    if (count === 1) return { failuresBefore: failures - 1 };
  }
}

/**
 * Before a password is checked: counts the attempt against the address and the client, and says how long to hold the
 * answer back — or that the attempt is refused, because a key is locked.
 */
export async function reserveAttempt(keys: ThrottleKeys, now = new Date()): Promise<ThrottleDecision> {
  let delayMs = 0;
  for (const { key, policy } of keysOf(keys)) {
    const outcome = await reserve(key, policy, now);
    if ("locked" in outcome) return { locked: true, retryAt: outcome.locked };
    delayMs = Math.max(delayMs, delayFor(outcome.failuresBefore, policy));
  }
  return { locked: false, delayMs };
}

/** After a failed check: whether that attempt's own place locked a key (then the answer says so). */
export async function lockAfterFailure(keys: ThrottleKeys, now = new Date()): Promise<Date | null> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keysOf(keys).map((entry) => entry.key) } } });
  const locks = rows.map((row) => lockedAt(row, now)).filter((date): date is Date => date !== null);
  return locks.length > 0 ? new Date(Math.max(...locks.map((date) => date.getTime()))) : null;
}

/** After a correct password: the attempt gives its place back; the address's count is cleared. Never undoes a lock. */
export async function recordSuccess(keys: ThrottleKeys, now = new Date()): Promise<void> {
  const unlocked = { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
  for (const { key, clearOnSuccess } of keysOf(keys)) {
    if (clearOnSuccess) await db.signInThrottle.deleteMany({ where: { key, ...unlocked } });
    else await db.signInThrottle.updateMany({ where: { key, failures: { gt: 0 }, ...unlocked }, data: { failures: { decrement: 1 } } });
  }
}
