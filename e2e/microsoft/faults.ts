import type { FaultSpec, Service } from "./control-types";
import { newTrace, tokenErrorBody, type AadstsError } from "./errors";
import { graphErrorBody, type GraphIds } from "./graph/responses";
import { CapturedResponse, sleep, type ResponseSink } from "./http";

interface ArmedFault {
  service: Service;
  method: string | undefined;
  pattern: RegExp;
  remaining: number;
  status: number | undefined;
  headers: Record<string, string>;
  body: unknown;
  delayMs: number;
  afterHandling: boolean;
}

/**
 * Faults armed through the control API: the next `times` matching requests get the canned response (a 429 with
 * Retry-After, a 503...) or are only delayed. Graph throttling is documented at
 * https://learn.microsoft.com/graph/throttling.
 *
 * With `afterHandling`, the request is processed first (the event IS created, the code IS redeemed) and the client
 * gets the canned response instead of the real one: a response lost on the way back, the case transactionId and
 * refresh-token rotation exist for.
 */
export class FaultInjector {
  private faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({
      service: spec.service,
      method: spec.method?.toUpperCase(),
      pattern: new RegExp(spec.pathPattern),
      remaining: spec.times ?? 1,
      status: spec.status,
      headers: spec.headers ?? {},
      body: spec.body,
      delayMs: spec.delayMs ?? 0,
      afterHandling: spec.afterHandling ?? false,
    });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the request, counted as used. */
  private take(service: Service, method: string, path: string): ArmedFault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        candidate.service === service &&
        (candidate.method === undefined || candidate.method === method.toUpperCase()) &&
        candidate.pattern.test(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
    return fault;
  }

  /**
   * Serves one request through the first matching fault, or straight through `handle` when none matches.
   * `context`: for Graph its request ids (as headers on every canned response, the fault's own headers win, and in the
   * default error body); for login the login URL its error bodies name.
   */
  async run(
    service: Service,
    request: { method: string; path: string },
    sink: ResponseSink,
    handle: (sink: ResponseSink) => Promise<void>,
    context: FaultContext = {},
  ): Promise<void> {
    const fault = this.take(service, request.method, request.path);
    if (!fault) return handle(sink);
    if (fault.afterHandling) {
      const lost = new CapturedResponse();
      await handle(lost);
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      // Without a status the real answer arrives, only late.
      if (fault.status === undefined) return lost.replay(sink);
      return respond(fault, sink, context);
    }
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.status === undefined) return handle(sink);
    respond(fault, sink, context);
  }
}

export type FaultContext = { graphIds?: GraphIds; loginUrl?: string };

const GRAPH_CODES: Record<number, string> = {
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

/**
 * The body Microsoft would send with a canned status when the test gives none: the identity platform's error JSON
 * for login, Graph's error envelope for graph. An empty string in the fault means an empty body.
 */
function defaultBody(service: Service, status: number, context: FaultContext): unknown {
  if (status < 400) return undefined;
  if (service === "login") {
    const transient = status === 429 || status >= 500;
    const error: AadstsError = transient
      ? { status, error: "temporarily_unavailable", code: 90033, message: "A transient error has occurred. Please try again." }
      : { status, error: "invalid_request", code: 90014, message: "The request was refused by the emulator's fault injection." };
    return tokenErrorBody(error, newTrace(), context.loginUrl ?? "");
  }
  const ids = context.graphIds ?? { requestId: "", clientRequestId: "" };
  return graphErrorBody(ids, GRAPH_CODES[status] ?? "generalException", `The service answered ${status}.`);
}

function respond(fault: ArmedFault, sink: ResponseSink, context: FaultContext): void {
  const status = fault.status ?? 500;
  const body = fault.body === undefined ? defaultBody(fault.service, status, context) : fault.body;
  const isText = typeof body === "string";
  const text = body === undefined ? "" : isText ? (body as string) : JSON.stringify(body);
  const headers: Record<string, string> = context.graphIds
    ? { "request-id": context.graphIds.requestId, "client-request-id": context.graphIds.clientRequestId }
    : {};
  if (text !== "") headers["content-type"] = isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
  Object.assign(headers, fault.headers);
  sink.writeHead(status, headers);
  sink.end(text);
}
