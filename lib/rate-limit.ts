import "server-only";
import { environment } from "./config";
import { db } from "./db";
import { isUniqueViolation } from "./db/errors";
import { HubError } from "./errors";

/**
 * Per-user budgets for work that reaches Microsoft: a token bucket per key in the database, so every server process
 * (several instances behind a load balancer) draws on the same budget. A request takes one token; tokens refill
 * continuously at `perMinute` up to `burst`. Updated with a compare-and-swap on the row: atomic on SQLite and
 * PostgreSQL without locks.
 */
export type Budget = { perMinute: number; burst: number };

export function calendarBudget(): Budget {
  const { rateLimitPerMinute, rateLimitBurst } = environment();
  return { perMinute: rateLimitPerMinute, burst: rateLimitBurst };
}

/** Takes one token from the key's bucket, or throws rate_limited saying how long to wait. */
export async function takeToken(key: string, budget: Budget, now = new Date()): Promise<void> {
  for (;;) {
    const row = await db.rateLimit.findUnique({ where: { key } });
    const elapsedMinutes = row ? Math.max(0, now.getTime() - row.updatedAt.getTime()) / 60_000 : 0;
    const available = row ? Math.min(budget.burst, row.tokens + elapsedMinutes * budget.perMinute) : budget.burst;
    if (available < 1) {
      throw new HubError("rate_limited", { seconds: Math.max(1, Math.ceil(((1 - available) / budget.perMinute) * 60)) });
    }
    // Never moves the clock back (another process may have written a slightly later time).
    const data = { tokens: available - 1, updatedAt: row && row.updatedAt > now ? row.updatedAt : now };
    if (!row) {
      try {
        await db.rateLimit.create({ data: { key, ...data } });
        return;
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }
    const { count } = await db.rateLimit.updateMany({ where: { key, tokens: row.tokens, updatedAt: row.updatedAt }, data });
    if (count === 1) return;
  }
}
