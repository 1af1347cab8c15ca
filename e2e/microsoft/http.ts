import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import { randomUUID } from "node:crypto";

/** What every handler receives: the request, already read, and the response to write. */
export interface EmulatorRequest {
  method: string;
  /** Path below the service prefix, e.g. "/common/oauth2/v2.0/token" for login or "/v1.0/me" for Graph. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** The parsed application/x-www-form-urlencoded body (empty when the body is something else). */
  form: URLSearchParams;
  /** The parsed JSON body, when the request carried one. */
  json: unknown;
  rawBody: string;
}

/**
 * Where a handler writes its answer: the real ServerResponse, or a CapturedResponse when the emulator needs the
 * answer as data ($batch items, faults that answer after the request was processed).
 */
export interface ResponseSink {
  writeHead(status: number, headers?: OutgoingHttpHeaders): unknown;
  end(body?: string): unknown;
}

/** A ResponseSink that keeps the status, headers (lower-cased) and body instead of sending them. */
export class CapturedResponse implements ResponseSink {
  status = 0;
  headers: Record<string, string> = {};
  body = "";

  writeHead(status: number, headers: OutgoingHttpHeaders = {}): this {
    this.status = status;
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) this.headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    }
    return this;
  }

  end(body = ""): this {
    this.body += body;
    return this;
  }

  /** Replays the captured answer on another sink. */
  replay(sink: ResponseSink): void {
    sink.writeHead(this.status, this.headers);
    sink.end(this.body);
  }
}

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and parses the body once, so the request log and the handlers see the same values. */
export async function toEmulatorRequest(req: IncomingMessage, path: string, query: URLSearchParams): Promise<EmulatorRequest> {
  const rawBody = await readBody(req);
  const contentType = header(req.headers, "content-type")?.toLowerCase() ?? "";
  const form = contentType.startsWith("application/x-www-form-urlencoded") ? new URLSearchParams(rawBody) : new URLSearchParams();
  let json: unknown = undefined;
  if (contentType.includes("json") && rawBody.trim() !== "") {
    try {
      json = JSON.parse(rawBody);
    } catch {
      json = undefined;
    }
  }
  return { method: req.method ?? "GET", path, query, headers: req.headers, form, json, rawBody };
}

export function header(headers: IncomingMessage["headers"], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function sendJson(res: ResponseSink, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ResponseSink, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
  });
  res.end(html);
}

export function sendEmpty(res: ResponseSink, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

/** A 302 to `target` with `params` appended to its query (Microsoft uses 302 for authorize responses). */
export function redirectWithQuery(res: ResponseSink, target: string, params: Record<string, string | undefined>): void {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  res.writeHead(302, { location: url.toString(), "cache-control": "no-store" });
  res.end();
}

export function guid(): string {
  return randomUUID();
}

/** Microsoft's timestamp format in AADSTS messages: "2024-05-03 18:41:51Z". */
export function aadTimestamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace("T", " ") + "Z";
}

export function epochSeconds(date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
