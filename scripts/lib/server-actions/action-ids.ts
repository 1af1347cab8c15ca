import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Where a browser sends a server action: `POST <page>` with `Next-Action: <id>`. The id is a hash Next.js derives at
 * build time, listed with its file and export in the build's server-reference-manifest.json, together with the
 * pages ("workers") whose bundle can run it.
 */
export type ActionRef = { id: string; file: string; name: string; page: string };

const manifestSchema = z.object({
  node: z.record(
    z.string(),
    z.object({ filename: z.string().optional(), exportedName: z.string().optional(), workers: z.record(z.string(), z.unknown()) }),
  ),
});

export const MANIFEST_PATH = path.join(".next", "server", "server-reference-manifest.json");

/** `app/bookings/page` → `/bookings`; dynamic routes ([id]) and route groups are not pages the bench can name. */
function pagePath(worker: string): string | undefined {
  const match = /^app(\/.*)?\/page$/.exec(worker);
  if (!match) return undefined;
  const route = match[1] ?? "";
  if (/[[\]()@]/.test(route)) return undefined;
  return route === "" ? "/" : route;
}

/** The action `name` exported by `file` (e.g. "app/actions/calendar.ts"), in the manifest's text. */
export function findAction(manifestText: string, file: string, name: string): ActionRef {
  const manifest = manifestSchema.parse(JSON.parse(manifestText));
  const matches = Object.entries(manifest.node).filter(([, entry]) => entry.filename === file && entry.exportedName === name);
  if (matches.length !== 1) {
    throw new Error(`The build lists ${matches.length} server actions named ${name} in ${file} (run next build again?)`);
  }
  const [id, entry] = matches[0]!;
  const pages = Object.keys(entry.workers).map(pagePath).filter((page): page is string => page !== undefined).sort();
  const page = pages[0];
  if (!page) throw new Error(`No page of the build can run ${file}'s ${name}`);
  return { id, file, name, page };
}

export function readAction(file: string, name: string, manifestPath = MANIFEST_PATH): ActionRef {
  return findAction(readFileSync(manifestPath, "utf8"), file, name);
}
