import type { EmulatorContext } from "../context";
import type { EmulatorRequest, ResponseSink } from "../http";
import { handleBatch } from "./batch";
import { authenticate, bearerToken, handleGraph } from "./index";
import type { GraphIds } from "./responses";

/**
 * One Graph request from arrival to answer, direct or inside a $batch: the mailbox concurrency limit first (Graph
 * refuses at once), then armed faults (which may delay, replace or — afterHandling — swallow the answer), then the
 * routes.
 */

const THROTTLED = { error: { code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit." } };

/** The mailbox a request works on — the one in the URL, the caller's for /me — and the app asking. */
function mailboxOf(ctx: EmulatorContext, req: EmulatorRequest): { clientId: string; mailbox: string } | null {
  const match = /^\/v1\.0\/(me|users\/([^/]+))\/[^/]/i.exec(req.path);
  const token = match ? bearerToken(ctx, req) : undefined;
  if (!match || !token) return null;
  const { directory } = ctx.state;
  if (!match[2]) return token.userId ? { clientId: token.clientId, mailbox: directory.userById(token.userId).userPrincipalName } : null;
  let raw = match[2];
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // Left as sent; the route answers the malformed id.
  }
  const user = directory.userByIdOrPrincipalName(raw) ?? directory.userByEmail(raw);
  return { clientId: token.clientId, mailbox: (user?.userPrincipalName ?? raw).toLowerCase() };
}

export async function serveGraph(ctx: EmulatorContext, req: EmulatorRequest, sink: ResponseSink, ids: GraphIds): Promise<void> {
  const graphHeaders = { "request-id": ids.requestId, "client-request-id": ids.clientRequestId };
  const target = mailboxOf(ctx, req);
  const leave = target ? ctx.state.concurrency.enter(target.clientId, target.mailbox, ctx.state.config.mailboxConcurrencyLimit) : undefined;
  if (leave === null) {
    const text = JSON.stringify(THROTTLED);
    sink.writeHead(429, { ...graphHeaders, "content-type": "application/json", "retry-after": "1", "content-length": String(Buffer.byteLength(text)) });
    sink.end(text);
    return;
  }
  try {
    await ctx.state.faults.run("graph", req, sink, (answer) => route(ctx, req, answer, ids), { graphIds: ids });
  } finally {
    leave?.();
  }
}

async function route(ctx: EmulatorContext, req: EmulatorRequest, sink: ResponseSink, ids: GraphIds): Promise<void> {
  if (/^\/v1\.0\/(\$|%24)batch\/?$/i.test(req.path) && req.method === "POST") {
    if (!authenticate(ctx, req, sink, ids)) return;
    return handleBatch(ctx, req, sink, ids, serveGraph);
  }
  return handleGraph(ctx, req, sink, ids);
}
