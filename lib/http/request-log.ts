import "server-only";
import { headers } from "next/headers";
import { log, type Logger } from "../log";
import { REQUEST_ID_HEADER } from "./request-headers";

/** The logger for the request being served, carrying the request id that proxy.ts assigned. */
export async function requestLog(): Promise<Logger> {
  const requestHeaders = await headers();
  return log.child({ requestId: requestHeaders.get(REQUEST_ID_HEADER) ?? undefined });
}
