/**
 * Runs once when the server starts: route console output (Next's and libraries') through the JSON logger, and start
 * the sweep that finishes bookings whose write to Microsoft lost its answer.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { routeConsoleToLog } = await import("./lib/log-console");
    routeConsoleToLog();
    const { startBookingRecovery } = await import("./lib/integrations/office365/calendar/bookings");
    startBookingRecovery();
  }
}
