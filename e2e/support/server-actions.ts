import { readdirSync, readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { readAction } from "../../scripts/lib/server-actions/action-ids";
import { actionResult, encodeReply } from "../../scripts/lib/server-actions/flight";

/**
 * Server actions called over HTTP exactly as a browser calls them (and as the site's own client code does): a POST to a
 * page with the action's id in `Next-Action`, the arguments as React encodes plain JSON, and the answer in React's
 * flight format. For journeys and the bench that must prove what an action does for whoever calls it, including a
 * caller that is not the hub's own page.
 */
export type ActionAnswer<T = unknown> = {
  status: number;
  result: T;
  /** The answer's size once decoded. */
  bytes: number;
  /** How it travelled (Content-Encoding), if compressed. */
  encoding?: string;
};

/** Calls an action as the session in `request` (its cookies), from a page whose bundle can run it. */
export async function callAction<T = unknown>(
  request: APIRequestContext,
  baseUrl: string,
  action: { file: string; name: string },
  ...args: unknown[]
): Promise<ActionAnswer<T>> {
  const ref = readAction(action.file, action.name);
  const response = await request.post(`${baseUrl}${ref.page}`, {
    headers: {
      "Next-Action": ref.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      // Next.js refuses actions whose Origin is not the site's own (its CSRF protection).
      Origin: baseUrl,
    },
    data: encodeReply(args),
    maxRedirects: 0,
  });
  const body = await response.body();
  const encoding = response.headers()["content-encoding"];
  return { status: response.status(), result: actionResult(new Uint8Array(body)) as T, bytes: body.length, ...(encoding ? { encoding } : {}) };
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
