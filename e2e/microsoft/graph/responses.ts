import { guid, header, type EmulatorRequest, type ResponseSink } from "../http";

/**
 * Graph's response envelope: `request-id` and `client-request-id` headers on every response, and errors shaped
 * {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}
 * (https://learn.microsoft.com/graph/errors).
 */
export interface GraphIds {
  requestId: string;
  clientRequestId: string;
}

export function graphIds(req: EmulatorRequest): GraphIds {
  const requestId = guid();
  // Graph echoes the caller's client-request-id; without one it reuses its own request id.
  return { requestId, clientRequestId: header(req.headers, "client-request-id") ?? requestId };
}

const ODATA_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

function envelopeHeaders(ids: GraphIds): Record<string, string> {
  return { "request-id": ids.requestId, "client-request-id": ids.clientRequestId, "cache-control": "no-cache" };
}

export function graphJson(res: ResponseSink, ids: GraphIds, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": ODATA_JSON,
    "content-length": String(Buffer.byteLength(text)),
    ...envelopeHeaders(ids),
    ...headers,
  });
  res.end(text);
}

export function graphEmpty(res: ResponseSink, ids: GraphIds, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...envelopeHeaders(ids), ...headers });
  res.end();
}

/** Graph's innerError date has no fraction and no zone: "2024-05-03T18:41:51". */
export function graphErrorBody(ids: GraphIds, code: string, message: string): Record<string, unknown> {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        "request-id": ids.requestId,
        "client-request-id": ids.clientRequestId,
      },
    },
  };
}

export function graphError(
  res: ResponseSink,
  ids: GraphIds,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  graphJson(res, ids, status, graphErrorBody(ids, code, message), headers);
}
