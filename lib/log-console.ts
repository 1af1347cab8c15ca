import { format } from "node:util";
import { log } from "./log";

/** Next.js and libraries write to console.*; turn each call into one redacted JSON line. */
export function routeConsoleToLog() {
  const route = (level: "debug" | "info" | "warn" | "error") =>
    (...args: unknown[]) => log[level](format(...args), { source: "console" });
  console.log = route("info");
  console.info = route("info");
  console.debug = route("debug");
  console.warn = route("warn");
  console.error = route("error");
}
