import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * What `next build` runs with: the environment without the hub's secrets, and an empty data folder. A container's build
 * stage has neither, so every build `npm start` makes proves that building needs no secret (the app reads them when
 * the first request needs them, never at import).
 */
const SECRET_VARIABLES = ["AUTH_SECRET", "HUB_ENCRYPTION_KEY", "HUB_ADMIN_PASSWORD", "HUB_ADMIN_EMAIL", "DATABASE_URL"];

export function buildEnvironment(env: Record<string, string | undefined>, emptyDataDir = mkdtempSync(path.join(tmpdir(), "hub-build-"))): NodeJS.ProcessEnv {
  const scrubbed: NodeJS.ProcessEnv = { ...env, NODE_ENV: "production", HUB_DATA_DIR: emptyDataDir };
  for (const name of SECRET_VARIABLES) delete scrubbed[name];
  return scrubbed;
}
