import type { ServerResponse } from "node:http";
import type { LoggedRequest, Service } from "./control-types";
import { header, type EmulatorRequest } from "./http";

/** Every login and Graph request, in arrival order, so tests can assert what the hub actually sent. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(service: Service, request: EmulatorRequest, res: ServerResponse): void {
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
    res.once("finish", () => {
      entry.status = res.statusCode;
    });
  }

  list(): LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
