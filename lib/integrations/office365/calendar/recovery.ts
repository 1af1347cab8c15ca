import "server-only";
import { log } from "../../../log";
import { recoverPendingBookings } from "./bookings";
import { recoverPendingSeries } from "./series-writes";

/**
 * The sweep that finishes writes whose answer from Microsoft was lost (bookings.ts, series-writes.ts): every minute,
 * one sweep at a time, started once per server process (instrumentation.ts).
 */
let sweeping: ReturnType<typeof setInterval> | undefined;

export function startBookingRecovery(everyMs = 60_000) {
  if (sweeping) return;
  let running = false;
  sweeping = setInterval(() => {
    if (running) return;
    running = true;
    recoverPendingBookings()
      .then(() => recoverPendingSeries())
      .catch((error: unknown) => log.error("booking.recovery_sweep_failed", { error }))
      .finally(() => (running = false));
  }, everyMs);
  sweeping.unref();
}
