import "server-only";
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from "@microsoft/microsoft-graph-client";
import { HubError } from "../../errors";
import { log } from "../../log";
import { appTokenFor } from "./app-tokens";
import { microsoftApp } from "./microsoft-app";
import { graphError, type GraphContext } from "./microsoft-errors";
import { accessTokenFor } from "./token-store";

/**
 * The one Microsoft Graph client factory. The middleware chain: the access token, retries of 429/503/504 honouring
 * Retry-After (at most 2, and never waiting more than MAX_RETRY_AFTER_SECONDS), redirects, and a client-request-id
 * on every request so a failure can be traced with Microsoft support.
 * The Graph client only treats https URLs on known hosts as Graph; customHosts adds the configured one (an emulator's
 * in tests), so the Authorization header is not stripped.
 */
const MAX_RETRY_AFTER_SECONDS = 10;
/** However many pages or retries, one operation gives up after this long (then it is reported, never hangs). */
const OPERATION_TIMEOUT_MS = 60_000;

export function createGraphClient(graphUrl: string, getAccessToken: () => Promise<string>): Client {
  const authentication = new AuthenticationHandler({ getAccessToken });
  const retry = new RetryHandler(
    // Two retries: about 4 seconds of backoff without Retry-After, so a page never waits long on an outage.
    new RetryHandlerOptions(1, 2, (_delay, _attempt, _request, _options, response) => {
      const retryAfter = Number(response.headers.get("Retry-After") ?? 0);
      return !Number.isFinite(retryAfter) || retryAfter <= MAX_RETRY_AFTER_SECONDS;
    }),
  );
  const redirect = new RedirectHandler();
  const telemetry = new TelemetryHandler();
  authentication.setNext(retry);
  retry.setNext(redirect);
  redirect.setNext(telemetry);
  telemetry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: graphUrl.endsWith("/") ? graphUrl : `${graphUrl}/`,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(graphUrl).hostname]),
    fetchOptions: { signal: AbortSignal.timeout(OPERATION_TIMEOUT_MS) },
  });
}

/** Who a Graph call is made as: a connected account (delegated), or the app itself in a tenant (application). */
export type GraphIdentity = { kind: "account"; accountId: string } | { kind: "app"; tenant: string };

function tokenFor(identity: GraphIdentity, forceRefresh: boolean): Promise<string> {
  return identity.kind === "account"
    ? accessTokenFor(identity.accountId, { forceRefresh })
    : appTokenFor(identity.tenant, { forceRefresh });
}

/**
 * Runs Graph calls as an account or as the app. A 401 (a token Microsoft stopped accepting early) gets one forced
 * renewal and one retry; any other failure becomes a HubError in words.
 */
export async function withGraph<T>(identity: GraphIdentity, work: (client: Client) => Promise<T>, context: GraphContext = {}): Promise<T> {
  const { graphUrl } = await microsoftApp();
  // The Graph client wraps whatever getAccessToken throws; keep the token store's own error (it says what to do).
  let tokenFailure: unknown;
  const attempt = (forceRefresh: boolean) => {
    let renewNext = forceRefresh;
    return work(
      createGraphClient(graphUrl, async () => {
        const force = renewNext;
        renewNext = false;
        try {
          return await tokenFor(identity, force);
        } catch (error) {
          tokenFailure = error;
          throw error;
        }
      }),
    );
  };
  try {
    try {
      return await attempt(false);
    } catch (error) {
      if (tokenFailure || (error as { statusCode?: number }).statusCode !== 401) throw error;
      return await attempt(true);
    }
  } catch (error) {
    const failure = graphError(tokenFailure ?? error, context);
    // A HubError thrown by the work itself (too many events, say) is not a failed Graph request.
    if (!tokenFailure && !(error instanceof HubError)) logGraphFailure(error, failure.code);
    throw failure;
  }
}

/** Both request ids of a failed call: Microsoft support traces a request by either. */
function logGraphFailure(error: unknown, errorCode: string) {
  const failure = (error ?? {}) as { statusCode?: number; requestId?: string | null; headers?: Headers };
  const header = (name: string) => (typeof failure.headers?.get === "function" ? failure.headers.get(name) : null);
  log.warn("graph.request_failed", {
    errorCode,
    status: failure.statusCode,
    requestId: failure.requestId ?? header("request-id"),
    clientRequestId: header("client-request-id"),
  });
}

export function withAccountGraph<T>(accountId: string, work: (client: Client) => Promise<T>, context: GraphContext = {}): Promise<T> {
  return withGraph({ kind: "account", accountId }, work, context);
}
