/** Runs once when the server starts: route console output (Next's and libraries') through the JSON logger. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { routeConsoleToLog } = await import("./lib/log-console");
    routeConsoleToLog();
  }
}
