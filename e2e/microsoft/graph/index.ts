import type { EmulatorContext } from "../context";
import { header, type EmulatorRequest, type ResponseSink } from "../http";
import type { AccessTokenRecord } from "../tokens";
import { calendarViewRoutes } from "./calendar-view";
import { calendarViewDeltaRoutes } from "./calendar-view-delta";
import { calendarRoutes } from "./calendars";
import { eventRoutes } from "./events";
import { scheduleRoutes } from "./get-schedule";
import { subscriptionRoutes } from "./subscriptions";
import { placeRoutes } from "./places";
import { graphError, type GraphIds } from "./responses";
import type { GraphRoute } from "./route";
import { userRoutes } from "./users";

/**
 * Routes below /graph, the emulator's stand-in for https://graph.microsoft.com. Each feature module (users,
 * calendars, calendarView and its delta, events, getSchedule, places, subscriptions) exports a list of routes; this
 * module authenticates the caller and dispatches. graph/pipeline.ts wraps it with throttling, faults and $batch.
 */

const ROUTES: GraphRoute[] = [
  ...userRoutes,
  ...calendarRoutes,
  ...calendarViewRoutes,
  ...calendarViewDeltaRoutes,
  ...eventRoutes,
  ...scheduleRoutes,
  ...placeRoutes,
  ...subscriptionRoutes,
];
const SUPPORTED_VERSIONS = ["v1.0"];

/** What Graph answers to a missing, unknown, expired or revoked token (with a WWW-Authenticate challenge). */
function unauthorized(ctx: EmulatorContext, res: ResponseSink, ids: GraphIds, message: string): void {
  graphError(res, ids, 401, "InvalidAuthenticationToken", message, {
    "www-authenticate": `Bearer realm="", authorization_uri="${ctx.loginUrl}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
  });
}

/** The request's access token when it is known and unexpired; answers nothing. */
export function bearerToken(ctx: EmulatorContext, req: EmulatorRequest): AccessTokenRecord | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(req.headers, "authorization") ?? "")?.[1];
  const token = bearer ? ctx.state.tokens.accessToken(bearer) : undefined;
  return token && token.expiresAt.getTime() > Date.now() ? token : undefined;
}

/** The caller's token, or null after answering 401. */
export function authenticate(ctx: EmulatorContext, req: EmulatorRequest, res: ResponseSink, ids: GraphIds): AccessTokenRecord | null {
  if (!/^Bearer\s+\S+$/i.test(header(req.headers, "authorization") ?? "")) {
    unauthorized(ctx, res, ids, "Access token is empty.");
    return null;
  }
  const token = bearerToken(ctx, req);
  if (!token) {
    unauthorized(ctx, res, ids, "Access token has expired or is not yet valid.");
    return null;
  }
  return token;
}

export async function handleGraph(ctx: EmulatorContext, req: EmulatorRequest, res: ResponseSink, ids: GraphIds): Promise<void> {
  const token = authenticate(ctx, req, res, ids);
  if (!token) return;

  const match = /^\/([^/]+)(\/.*)?$/.exec(req.path);
  const version = match?.[1] ?? "";
  const rest = match?.[2] ?? "/";
  if (!SUPPORTED_VERSIONS.includes(version)) {
    return graphError(res, ids, 400, "BadRequest", `Invalid version: ${version}`);
  }

  let pathMatched = false;
  for (const route of ROUTES) {
    const routeMatch = route.pattern.exec(rest);
    if (!routeMatch) continue;
    pathMatched = true;
    if (route.method !== req.method) continue;
    const params = routeMatch.slice(1).map((value) => decodeURIComponent(value ?? ""));
    return route.handle({ ctx, req, res, ids, token, params });
  }
  if (pathMatched) {
    return graphError(res, ids, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
  }
  const segment = rest.split("/").filter(Boolean)[0] ?? "";
  graphError(res, ids, 400, "BadRequest", `Resource not found for the segment '${segment}'.`);
}
