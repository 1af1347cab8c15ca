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
    // Once after the update that brought resources: earlier bookings' calendars become resources (lib/resources/adopt.ts).
    const { adoptEarlierBookings } = await import("./lib/resources/adopt");
    const { log } = await import("./lib/log");
    adoptEarlierBookings().catch((error: unknown) => log.error("resources.adoption_failed", { error }));
  }
}
