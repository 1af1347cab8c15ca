import { spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { HUB, hubEnvironment } from "./hub";
import { serverPid } from "./server-actions";

/**
 * Another instance of the hub under test, as a second server behind a load balancer runs it: `npm start`'s own
 * command (scripts/start.ts: migrate, then serve the existing build) on a port of its own, with the same database,
 * the same AUTH_SECRET and HUB_ENCRYPTION_KEY, the same Microsoft (the emulator) and the same public address — and a
 * data folder of its own, since instances share nothing but the database.
 */
export type Instance = {
  port: number;
  /** Where this instance itself listens (the public address, AUTH_URL, is the first instance's). */
  url: string;
  logFile: string;
  /** The server's JSON log lines so far. */
  logLines: () => Record<string, unknown>[];
  /** SIGKILL to the server process: it dies mid-request, with no chance to tidy up. */
  kill: () => void;
  stop: () => Promise<void>;
};

const EMULATOR = `https://localhost:${HUB.emulator.port}`;

export async function startInstance(port: number, environment: Record<string, string> = {}): Promise<Instance> {
  const dataDir = path.join(HUB.stateDir, `data-${port}`);
  const logFile = path.join(HUB.stateDir, `server-${port}.log`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const output = openSync(logFile, "w");
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/start.ts"], {
    stdio: ["ignore", output, output],
    env: {
      ...process.env,
      ...hubEnvironment(),
      HUB_DATA_DIR: dataDir,
      PORT: String(port),
      AUTH_URL: HUB.url,
      MICROSOFT_LOGIN_URL: `${EMULATOR}/login`,
      MICROSOFT_GRAPH_URL: `${EMULATOR}/graph`,
      NEXT_TELEMETRY_DISABLED: "1",
      // As the first instance (scripts/demo.ts, playwright.config.ts): change notifications, shared calendars polled every 10 s.
      HUB_NOTIFICATIONS: "on",
      HUB_SYNC_INTERVAL_SECONDS: "10",
      ...environment,
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://localhost:${port}`;
  const logText = () => readFileSync(logFile, "utf8");

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The instance on port ${port} exited (${child.exitCode}) before it was ready:\n${logText().slice(-3000)}`);
    const ready = await fetch(`${url}/api/health?ready`).catch(() => undefined);
    if (ready?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The instance on port ${port} was not ready within two minutes:\n${logText().slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    port,
    url,
    logFile,
    logLines: () => jsonLines(logFile),
    kill: () => process.kill(serverPid(port), "SIGKILL"),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A server log's JSON lines so far (the journeys' hub's: HUB.logFile). */
export function jsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        return line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
}
