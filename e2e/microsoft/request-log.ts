import type { ServerResponse } from "node:http";
import type { LoggedRequest, Service } from "./control-types";
import { header, type EmulatorRequest } from "./http";

/** Every login and Graph request, in arrival order, so tests can assert what the hub actually sent. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(service: Service, request: EmulatorRequest, res: ServerResponse): void {
    const entry = this.add(service, request);
    res.once("finish", () => {
      entry.status = res.statusCode;
    });
  }

  /** A request carried inside a Graph $batch: logged on its own, with the batch item's id; the caller sets status. */
  recordBatchItem(request: EmulatorRequest, batchItemId: string): LoggedRequest {
    const entry = this.add("graph", request);
    entry.batchItemId = batchItemId;
    return entry;
  }

  private add(service: Service, request: EmulatorRequest): LoggedRequest {
    const entry: LoggedRequest = {
      at: new Date().toISOString(),
      service,
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      form: Object.fromEntries(request.form),
      json: request.json,
      headers: {
        authorization: header(request.headers, "authorization"),
        "client-request-id": header(request.headers, "client-request-id"),
        prefer: header(request.headers, "prefer"),
        "content-type": header(request.headers, "content-type"),
      },
      status: null,
    };
    this.entries.push(entry);
    return entry;
  }

  list(): LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
