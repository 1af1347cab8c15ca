import "server-only";
import { db } from "../db";

/**
 * Slows down and then refuses repeated failed sign-ins, counted per email address (whether or not it exists, so the
 * lock reveals nothing) and per client address. A lock lasts LOCK_MINUTES; a success clears the address's count.
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
    { key: `email:${email}`, policy: POLICIES.email },
    { key: `client:${client}`, policy: POLICIES.client },
  ] as const;

/** Half a second more per failure past the policy's threshold, at most three seconds. */
export function delayFor(failures: number, policy: Policy): number {
  if (failures < policy.slowAfter) return 0;
  return Math.min(500 * (failures - policy.slowAfter + 1), 3_000);
}

export async function checkThrottle(keys: ThrottleKeys, now = new Date()): Promise<ThrottleDecision> {
  const entries = keysOf(keys);
  const rows = await db.signInThrottle.findMany({ where: { key: { in: entries.map((entry) => entry.key) } } });
  let retryAt: Date | undefined;
  let delayMs = 0;
  for (const { key, policy } of entries) {
    const row = rows.find((candidate) => candidate.key === key);
    if (!row) continue;
    if (row.lockedUntil && row.lockedUntil > now) {
      if (!retryAt || row.lockedUntil > retryAt) retryAt = row.lockedUntil;
      continue;
    }
    const recent = now.getTime() - row.firstFailureAt.getTime() < WINDOW_MS ? row.failures : 0;
    delayMs = Math.max(delayMs, delayFor(recent, policy));
  }
  return retryAt ? { locked: true, retryAt } : { locked: false, delayMs };
}

export async function recordFailure(keys: ThrottleKeys, now = new Date()): Promise<void> {
  for (const { key, policy } of keysOf(keys)) {
    await db.$transaction(async (tx) => {
      const row = await tx.signInThrottle.findUnique({ where: { key } });
      const inWindow = row && now.getTime() - row.firstFailureAt.getTime() < WINDOW_MS && !(row.lockedUntil && row.lockedUntil <= now);
      const failures = inWindow ? row.failures + 1 : 1;
      const firstFailureAt = inWindow ? row.firstFailureAt : now;
      const lockedUntil = failures >= policy.lockAfter ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await tx.signInThrottle.upsert({
        where: { key },
        create: { key, failures, firstFailureAt, lockedUntil },
        update: { failures, firstFailureAt, lockedUntil },
      });
    });
  }
}

export async function clearFailures(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: `email:${email}` } });
}
