import "server-only";
import { environment } from "../../../config";
import { scheduleJob } from "../../../jobs";
import { recoverPendingBookings } from "./bookings";
import { recoverPendingSeries } from "./series-writes";

/**
 * The sweep that finishes writes whose answer from Microsoft was lost (bookings.ts, series-writes.ts): every
 * HUB_RECOVERY_INTERVAL_SECONDS (a minute by default), on one server process at a time across all instances (a job,
 * lib/jobs.ts), looked for by every process (instrumentation.ts). Each booking is still claimed on its own (its
 * lease), so a sweep never races the request that is writing it.
 */
export const RECOVERY_JOB = "office365.booking-recovery";
// Longer than one sweep can take: the bookings' budget (45 s) and the series' (30 s), with the last write's time.
const LEASE_MS = 3 * 60_000;

let stop: (() => void) | undefined;

export function startBookingRecovery(everyMs = environment().recoveryIntervalSeconds * 1000) {
  stop ??= scheduleJob(RECOVERY_JOB, { everyMs, leaseMs: LEASE_MS }, async () => {
    await recoverPendingBookings();
    await recoverPendingSeries();
  });
}
