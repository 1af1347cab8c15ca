import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Server actions called over HTTP exactly as a browser calls them (and as the site's own client code does): a POST to a
 * page with the action's id in `Next-Action`, the arguments as React encodes plain JSON, and the answer in React's
 * flight format. For journeys and the bench that must prove what an action does for whoever calls it, including a
 * caller that is not the hub's own page.
 */
type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/** The id `next build` gave an exported action, from the build's server-reference manifest. */
export function actionId(file: string, exportedName: string, root = process.cwd()): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${file} in the build: is it exported with "use server"?`);
  return found[0];
}

/**
 * The value an action answered, from a flight response: rows `<id>:<json>`; row 0 points at the row holding the
 * return value ("$@1"). Only plain JSON values are read (which is all the hub's actions return).
 */
export function actionResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const first = rows.get("0");
  if (first === undefined) throw new Error(`Not a server action answer: ${body.slice(0, 200)}`);
  const root = JSON.parse(first) as { a?: unknown } | unknown;
  const pointer = typeof root === "object" && root !== null && "a" in root ? (root as { a: unknown }).a : root;
  if (typeof pointer === "string" && pointer.startsWith("$@")) {
    const row = rows.get(pointer.slice(2));
    if (row === undefined) throw new Error(`The answer's row ${pointer} is missing`);
    return JSON.parse(row);
  }
  return pointer;
}

export type ActionAnswer<T = unknown> = { status: number; result: T; bytes: number };

/** Calls an action as the session in `request` (its cookies), from the page at `pagePath`. */
export async function callAction<T = unknown>(
  request: APIRequestContext,
  baseUrl: string,
  action: { file: string; name: string },
  ...args: unknown[]
): Promise<ActionAnswer<T>> {
  const response = await request.post(`${baseUrl}/bookings`, {
    headers: {
      "Next-Action": actionId(action.file, action.name),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // Next.js refuses actions whose Origin is not the site's own (its CSRF protection).
      Origin: baseUrl,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const body = await response.text();
  return { status: response.status(), result: actionResult(body) as T, bytes: Buffer.byteLength(body) };
}

export const CALENDAR_ACTIONS = {
  getAvailability: { file: "app/actions/calendar.ts", name: "getAvailability" },
  createBooking: { file: "app/actions/calendar.ts", name: "createBooking" },
  updateBooking: { file: "app/actions/calendar.ts", name: "updateBooking" },
  cancelBooking: { file: "app/actions/calendar.ts", name: "cancelBooking" },
  listBookings: { file: "app/actions/calendar.ts", name: "listBookings" },
  listCalendars: { file: "app/actions/calendar.ts", name: "listCalendars" },
} as const;

/** The hub server process listening on `port` (scripts/serve.ts), for reading its memory from /proc. */
export function serverPid(port: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!cmdline.includes("scripts/serve.ts")) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`PORT=${port}`)) return Number(entry);
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  throw new Error(`No hub server (scripts/serve.ts) listening on port ${port}`);
}

/** Resident memory of a process, in bytes. */
export function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((entry) => entry.startsWith("VmRSS:"));
  return Number(/(\d+)/.exec(line ?? "")?.[1] ?? 0) * 1024;
}
