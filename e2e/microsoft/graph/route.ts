import type { EmulatorContext } from "../context";
import type { EmulatorRequest, ResponseSink } from "../http";
import type { AccessTokenRecord } from "../tokens";
import type { GraphIds } from "./responses";

/** One authenticated Graph call, as handed to a route. */
export interface GraphCall {
  ctx: EmulatorContext;
  req: EmulatorRequest;
  /** The real response, or a captured one for $batch items. */
  res: ResponseSink;
  ids: GraphIds;
  token: AccessTokenRecord;
  /** The path's capture groups, URI-decoded. */
  params: string[];
}

/** Feature modules (users, calendars, events, getSchedule) each export a list of these; graph/index.ts dispatches. */
export interface GraphRoute {
  method: string;
  /** Matched against the path after the version, e.g. "/me" or "/users/alice%40council.example". */
  pattern: RegExp;
  handle(call: GraphCall): void | Promise<void>;
}
