import type { ServerResponse } from "node:http";
import type { EmulatorContext } from "../context";
import type { EmulatorRequest } from "../http";
import type { AccessTokenRecord } from "../tokens";
import type { GraphIds } from "./responses";

/** One authenticated Graph call, as handed to a route. */
export interface GraphCall {
  ctx: EmulatorContext;
  req: EmulatorRequest;
  res: ServerResponse;
  ids: GraphIds;
  token: AccessTokenRecord;
  /** The path's capture groups, URI-decoded. */
  params: string[];
}

/** Feature modules (users now, calendars later) each export a list of these; graph/index.ts dispatches. */
export interface GraphRoute {
  method: string;
  /** Matched against the path after the version, e.g. "/me" or "/users/alice%40council.example". */
  pattern: RegExp;
  handle(call: GraphCall): void | Promise<void>;
}
