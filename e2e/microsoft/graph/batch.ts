import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import type { EmulatorContext } from "../context";
import { CapturedResponse, header, type EmulatorRequest, type ResponseSink } from "../http";
import { graphError, graphErrorBody, graphIds, graphJson, type GraphIds } from "./responses";

/**
 * POST /v1.0/$batch (https://learn.microsoft.com/graph/json-batching): up to 20 requests, each run through the same
 * pipeline as a direct request (throttling, faults, authorization with the batch's token). The batch answers 200
 * whatever the items did; responses come back in a different order than the requests; an item whose dependsOn
 * failed answers 424. Outlook runs at most 4 items of a batch at once, so a batch alone stays within the
 * MailboxConcurrency limit.
 */

const MAX_REQUESTS = 20;
const PARALLEL_ITEMS = 4;

const batchSchema = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.string().min(1),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});
type BatchItem = z.infer<typeof batchSchema>["requests"][number];

export interface BatchItemResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Runs one Graph request (the pipeline in graph/pipeline.ts). */
export type GraphExecutor = (ctx: EmulatorContext, req: EmulatorRequest, sink: ResponseSink, ids: GraphIds) => Promise<void>;

/** The whole batch is refused (400) when it is malformed, too large, or its ids or dependencies don't add up. */
function validate(items: BatchItem[]): string | null {
  if (items.length > MAX_REQUESTS) return `Invalid batch payload format. A batch can hold at most ${MAX_REQUESTS} requests.`;
  const ids = new Set(items.map((item) => item.id.toLowerCase()));
  if (ids.size !== items.length) return "Invalid batch payload format. Request ids must be unique.";
  const unknown = items.flatMap((item) => item.dependsOn ?? []).find((id) => !items.some((item) => item.id === id));
  if (unknown) return `Invalid batch payload format. dependsOn names an unknown request id '${unknown}'.`;
  // Every item must become runnable: no dependency cycles.
  const done = new Set<string>();
  while (done.size < items.length) {
    const ready = items.filter((item) => !done.has(item.id) && (item.dependsOn ?? []).every((id) => done.has(id)));
    if (ready.length === 0) return "Invalid batch payload format. dependsOn forms a cycle.";
    for (const item of ready) done.add(item.id);
  }
  return null;
}

function itemRequest(outer: EmulatorRequest, item: BatchItem): EmulatorRequest {
  const [pathPart = "", queryPart = ""] = item.url.split(/\?(.*)/s);
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(item.headers ?? {})) headers[name.toLowerCase()] = value;
  // Items carry the batch's credentials; Graph ignores an Authorization header inside an item.
  headers.authorization = header(outer.headers, "authorization");
  const body = typeof item.body === "string" && (headers["content-type"] ?? "").toString().includes("json") ? safeJson(item.body) : item.body;
  return {
    method: item.method.toUpperCase(),
    path: `/v1.0${pathPart.startsWith("/") ? "" : "/"}${pathPart}`,
    query: new URLSearchParams(queryPart),
    headers,
    form: new URLSearchParams(),
    json: body,
    rawBody: body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function itemResponse(id: string, captured: CapturedResponse): BatchItemResponse {
  const headers = { ...captured.headers };
  delete headers["content-length"];
  const response: BatchItemResponse = { id, status: captured.status, headers };
  if (captured.body !== "") {
    response.body = (headers["content-type"] ?? "").includes("json") ? safeJson(captured.body) : captured.body;
  }
  return response;
}

async function runItem(ctx: EmulatorContext, outer: EmulatorRequest, item: BatchItem, execute: GraphExecutor): Promise<BatchItemResponse> {
  const captured = new CapturedResponse();
  const request = itemRequest(outer, item);
  const ids = graphIds(request);
  const entry = ctx.state.requests.recordBatchItem(request, item.id);
  if (/^[a-z]+:/i.test(item.url) || /^\/v1\.0\/\$batch\/?$/i.test(request.path)) {
    graphError(captured, ids, 400, "BadRequest", "Invalid request URL: a batch item's url must be relative and cannot be another $batch.");
  } else {
    await execute(ctx, request, captured, ids);
  }
  entry.status = captured.status;
  return itemResponse(item.id, captured);
}

function failedDependency(req: EmulatorRequest, id: string): BatchItemResponse {
  const body = graphErrorBody(graphIds(req), "FailedDependency", "The request depends on a request that failed.");
  return { id, status: 424, headers: { "content-type": "application/json" }, body };
}

/** A different order than the requests': clients must match responses by id. */
function shuffled<T>(items: T[]): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  if (result.length > 1 && result.every((value, index) => value === items[index])) result.reverse();
  return result;
}

export async function handleBatch(ctx: EmulatorContext, req: EmulatorRequest, sink: ResponseSink, ids: GraphIds, execute: GraphExecutor): Promise<void> {
  const parsed = batchSchema.safeParse(req.json);
  const problem = parsed.success ? validate(parsed.data.requests) : "Invalid batch payload format.";
  if (!parsed.success || problem) return graphError(sink, ids, 400, "BadRequest", problem ?? "Invalid batch payload format.");
  const items = parsed.data.requests;

  const results = new Map<string, BatchItemResponse>();
  const pending = [...items];
  const running = new Set<Promise<void>>();
  while (results.size < items.length) {
    const before = results.size;
    for (const item of [...pending]) {
      if (running.size >= PARALLEL_ITEMS) break;
      const dependsOn = item.dependsOn ?? [];
      if (!dependsOn.every((id) => results.has(id))) continue;
      pending.splice(pending.indexOf(item), 1);
      if (dependsOn.some((id) => (results.get(id)?.status ?? 500) >= 400)) {
        results.set(item.id, failedDependency(req, item.id));
        continue;
      }
      const run: Promise<void> = runItem(ctx, req, item, execute).then((response) => {
        results.set(item.id, response);
        running.delete(run);
      });
      running.add(run);
    }
    if (running.size === 0 && pending.length > 0 && results.size === before) break; // unreachable after validate()
    if (running.size > 0) await Promise.race(running);
  }
  const responses = items.map((item) => results.get(item.id) ?? failedDependency(req, item.id));
  graphJson(sink, ids, 200, { responses: shuffled(responses) });
}
