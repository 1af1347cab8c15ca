/**
 * Runs once when the server starts: route console output (Next's and libraries') through the JSON logger, start the
 * sweep that finishes bookings whose write to Microsoft lost its answer, and turn earlier bookings' calendars into
 * resources (once).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { routeConsoleToLog } = await import("./lib/log-console");
    routeConsoleToLog();
    const { startBookingRecovery } = await import("./lib/integrations/office365/calendar/recovery");
    startBookingRecovery();
    // Each resource's copy of its calendar's busy time, kept by delta rounds and change notifications (lib/mirror/).
    const { startMirrorSync } = await import("./lib/mirror/scheduler");
    startMirrorSync();
    // Once after the update that brought resources: earlier bookings' calendars become resources (lib/resources/adopt.ts).
    const { adoptEarlierBookings } = await import("./lib/resources/adopt");
    const { log } = await import("./lib/log");
    adoptEarlierBookings().catch((error: unknown) => log.error("resources.adoption_failed", { error }));
  }
}
