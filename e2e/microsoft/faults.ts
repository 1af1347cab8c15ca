import type { ServerResponse } from "node:http";
import type { FaultSpec, Service } from "./control-types";
import { sleep } from "./http";

interface ArmedFault {
  service: Service;
  method: string | undefined;
  pattern: RegExp;
  remaining: number;
  status: number | undefined;
  headers: Record<string, string>;
  body: unknown;
  delayMs: number;
}

/**
 * Faults armed through the control API: the next `times` matching requests get the canned response (a 429 with
 * Retry-After, a 503...) or are only delayed. Graph throttling is documented at
 * https://learn.microsoft.com/graph/throttling.
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
    });
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * Applies the first matching fault. Returns true when the fault answered the request itself, false when the
   * request should be served normally (no fault, or a delay-only fault). `defaultHeaders` (Graph's request ids)
   * go on every canned response; the fault's own headers win.
   */
  async apply(
    service: Service,
    method: string,
    path: string,
    res: ServerResponse,
    defaultHeaders: Record<string, string> = {},
  ): Promise<boolean> {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        candidate.service === service &&
        (candidate.method === undefined || candidate.method === method.toUpperCase()) &&
        candidate.pattern.test(path),
    );
    if (!fault) return false;
    fault.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.status === undefined) return false;

    const isText = typeof fault.body === "string";
    const text = fault.body === undefined ? "" : isText ? (fault.body as string) : JSON.stringify(fault.body);
    const headers: Record<string, string> = { ...defaultHeaders };
    if (text !== "") headers["content-type"] = isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
    Object.assign(headers, fault.headers);
    res.writeHead(fault.status, headers);
    res.end(text);
    return true;
  }
}
