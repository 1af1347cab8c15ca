import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * A hash of everything `next build` reads, so `npm start` rebuilds after an update (git pull) and skips the build
 * when nothing changed.
 */
const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  // The models the generated clients (lib/generated, bundled into the build) come from.
  "prisma/models.prisma",
];
const SKIP = new Set(["generated", "node_modules", ".next"]);
export const FINGERPRINT_FILE = path.join(".next", "hub-build-fingerprint");

function files(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .filter((name) => !SKIP.has(name) && !name.endsWith(".test.ts"))
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
}

export function buildFingerprint(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap(files)) {
    hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return existsSync(path.join(".next", "BUILD_ID")) && existsSync(FINGERPRINT_FILE) && readFileSync(FINGERPRINT_FILE, "utf8") === buildFingerprint();
}
