import "server-only";
import { after } from "next/server";
import { log } from "../log";
import { notificationCollection, receiveNotifications } from "./notifications";
import { startRounds } from "./scheduler";

/**
 * The two URLs Microsoft calls (app/jadu/integrations/office365/notifications/…): anyone can reach them, so nothing
 * in a request is trusted but a subscription's clientState. Microsoft's validation request (?validationToken=…) is
 * answered with the token as plain text, never HTML (nosniff), within its 10 seconds; notifications are persisted
 * and acknowledged with 202 (Microsoft allows 3 s; it is milliseconds) and the delta rounds run after the answer.
 * The body is read only up to MAX_BODY_BYTES: a notification batch is far smaller.
 */
const MAX_BODY_BYTES = 512 * 1024;
const MAX_TOKEN_LENGTH = 2048;

const plain = (status: number, body: string | null) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store" } });

async function boundedText(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function notificationRoute(kind: "change" | "lifecycle") {
  return async function POST(request: Request): Promise<Response> {
    const token = new URL(request.url).searchParams.get("validationToken");
    if (token !== null) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return plain(400, "The validation token is missing or too long.");
      log.info("mirror.validation_answered", { kind });
      return plain(200, token);
    }
    const text = await boundedText(request);
    if (text === null) return plain(413, "Too large.");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return plain(400, "Not JSON.");
    }
    const body = notificationCollection.safeParse(json);
    if (!body.success) return plain(400, "Not a collection of change notifications.");
    const { accepted, dropped } = await receiveNotifications(body.data, kind);
    log.info("mirror.notifications_received", { kind, accepted: accepted.length, dropped });
    after(() => startRounds(accepted));
    return plain(202, null);
  };
}
