import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { log } from "../../lib/log";
import { buildEnvironment } from "./build-environment";
import { FINGERPRINT_FILE, buildFingerprint, buildIsCurrent } from "./build-fingerprint";
import { pipeAsJsonLines } from "./json-lines";

export const NEXT_BIN = "node_modules/.bin/next";

/** Runs a command with its output turned into JSON lines, like the rest of the server's log. */
export function spawnLogged(command: string, args: string[], environment: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { stdio: ["inherit", "pipe", "pipe"], env: environment });
  pipeAsJsonLines(child.stdout!, process.stdout, "info");
  pipeAsJsonLines(child.stderr!, process.stderr, "warn");
  return child;
}

/**
 * `next build`, with no secrets and no data folder (build-environment.ts), recording what it was built from so that
 * `npm start` rebuilds only after the sources change. Returns next's exit status.
 */
export async function buildHub(env: Record<string, string | undefined> = process.env): Promise<number> {
  const fingerprint = buildFingerprint();
  const status = await new Promise<number>((resolve) => spawnLogged(NEXT_BIN, ["build"], buildEnvironment(env)).on("exit", (code) => resolve(code ?? 1)));
  if (status === 0) {
    mkdirSync(".next", { recursive: true });
    writeFileSync(FINGERPRINT_FILE, fingerprint);
  }
  return status;
}

/**
 * Builds when the sources changed since the last build; exits the process if the build fails. Several `npm start` in
 * one folder at once (instances on one server, the journeys' lanes) build once: the first takes BUILD_LOCK, the others
 * wait for it and then find the build current.
 */
export async function buildIfNeeded(): Promise<void> {
  if (buildIsCurrent()) return;
  const release = await takeBuildLock();
  try {
    if (buildIsCurrent()) return;
    log.info("Building the hub (this takes a minute the first time)…");
    const status = await buildHub();
    if (status !== 0) {
      log.error("The build failed: see the messages above.");
      release();
      process.exit(status);
    }
  } finally {
    release();
  }
}

const BUILD_LOCK = ".next-build.lock";

/** A folder made atomically, holding its owner's pid; a lock whose owner is gone is taken over. */
async function takeBuildLock(): Promise<() => void> {
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      writeFileSync(`${BUILD_LOCK}/pid`, String(process.pid));
      return () => rmSync(BUILD_LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (lockAbandoned()) {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
      continue;
    }
    if (!waiting) log.info("Another process is building the hub in this folder: waiting for it…");
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Its owner has exited, or never wrote its pid (made over 10 seconds ago, and still empty). */
function lockAbandoned(): boolean {
  try {
    const pid = Number(readFileSync(`${BUILD_LOCK}/pid`, "utf8"));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return Date.now() - lockMadeAt() > 10_000;
    return (error as NodeJS.ErrnoException).code !== "EPERM"; // EPERM: alive, another user's
  }
}

function lockMadeAt(): number {
  try {
    return statSync(BUILD_LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
}

/**
 * The arguments for `node` that serve the built hub (scripts/serve.ts) within a heap limit (HUB_MAX_HEAP_MB): without
 * one, V8 sizes the heap from the machine's memory and lets garbage grow to gigabytes before it collects.
 * No react-server condition: Next.js loads its own React builds. Shared by npm start and npm run bench, so the bench
 * measures the server users run.
 */
export function serveArguments(maxHeapMb: number): string[] {
  return [`--max-old-space-size=${maxHeapMb}`, "--import", "tsx", "scripts/serve.ts"];
}
