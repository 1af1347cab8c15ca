import { mkdirSync, writeFileSync } from "node:fs";
import { FINGERPRINT_FILE, buildFingerprint, buildIsCurrent } from "./build-fingerprint";

/**
 * How the production hub is built and started, shared by `npm start` (scripts/start.ts) and `npm run bench`, so the
 * bench measures the server users run.
 */

export const NEXT_BIN = "node_modules/.bin/next";

/** Runs a command to completion and gives its exit status; each caller decides where the output goes. */
export type Runner = (command: string, args: string[], environment: NodeJS.ProcessEnv) => Promise<number>;

/** `next build` when the sources changed since the last build. Returns "current", "built" or the failed exit status. */
export async function buildWhenStale(run: Runner, environment: NodeJS.ProcessEnv): Promise<"current" | "built" | number> {
  if (buildIsCurrent()) return "current";
  const fingerprint = buildFingerprint();
  const status = await run(NEXT_BIN, ["build"], { ...environment, NODE_ENV: "production" });
  if (status !== 0) return status;
  mkdirSync(".next", { recursive: true });
  writeFileSync(FINGERPRINT_FILE, fingerprint);
  return "built";
}

/**
 * The arguments for `node` that serve the built hub (scripts/serve.ts) within a heap limit (HUB_MAX_HEAP_MB): without
 * one, V8 sizes the heap from the machine's memory and lets garbage grow to gigabytes before it collects.
 * No react-server condition: Next.js loads its own React builds.
 */
export function serveArguments(maxHeapMb: number): string[] {
  return [`--max-old-space-size=${maxHeapMb}`, "--import", "tsx", "scripts/serve.ts"];
}
