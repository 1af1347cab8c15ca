import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { buildHub as build, serveArguments } from "../lib/build";
import { buildIsCurrent } from "../lib/build-fingerprint";

/**
 * The hub under test: the production build served by scripts/serve.ts in a process of its own, started the way
 * `npm start` starts it (same arguments, same heap limit), so the bench knows its PID and can read what the kernel
 * counts for it in /proc.
 */
export type HubServer = { pid: number; origin: string; logFile: string; log: HubLog; logTail: () => string; stop: () => Promise<void> };

/** The hub's log file, read as JSON lines from a byte offset: what it logged during one call. */
export class HubLog {
  constructor(readonly file: string) {}

  size(): number {
    return statSync(this.file).size;
  }

  linesSince(offset: number): Record<string, unknown>[] {
    const text = readFileSync(this.file).subarray(offset).toString("utf8");
    return text.split("\n").flatMap((line) => {
      try {
        return line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No free port"))));
    });
  });
}

/** `next build` when the sources changed since the last build, as npm start builds (no secrets, no data folder). */
export async function buildHub(environment: NodeJS.ProcessEnv): Promise<void> {
  if (buildIsCurrent()) return;
  const status = await build(environment);
  if (status !== 0) throw new Error(`next build failed (exit status ${status}): see the messages above.`);
}

export async function startHubServer(options: { port: number; maxHeapMb: number; environment: NodeJS.ProcessEnv; logFile: string }): Promise<HubServer> {
  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, serveArguments(options.maxHeapMb), {
    stdio: ["ignore", "pipe", "pipe"],
    // HUB_DEBUG: the hub logs what its own code spent after Microsoft's last answer (availability.answered).
    env: { ...options.environment, NODE_ENV: "production", PORT: String(options.port), HUB_MAX_HEAP_MB: String(options.maxHeapMb), HUB_DEBUG: "1" },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const origin = `http://localhost:${options.port}`;
  const tail = () => readFileSync(options.logFile, "utf8").split("\n").slice(-20).join("\n");

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The hub exited (${child.exitCode}) before it was ready:\n${tail()}`);
    const health = await fetch(`${origin}/api/health`).catch(() => undefined);
    if (health?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The hub was not ready within a minute:\n${tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    pid: child.pid!,
    origin,
    logFile: options.logFile,
    log: new HubLog(options.logFile),
    logTail: tail,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      log.end();
    },
  };
}

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/** CPU time the process has used, user + system, in ms (/proc/<pid>/stat fields 14 and 15, in clock ticks). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Resident memory now and at its highest so far, in MB (/proc/<pid>/status VmRSS and VmHWM, given in kB). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kilobytes("VmRSS") / 1024, peak: kilobytes("VmHWM") / 1024 };
}
