import "server-only";
import { db } from "../../db";
import { HubError } from "../../errors";
import { log } from "../../log";
import { azureAd, type TokenSet } from "./azure-ad";
import { clientAuthentication } from "./client-credential";
import type { MicrosoftApp } from "./microsoft-app";
import { MicrosoftError, signInUnavailable, tokenEndpointError } from "./microsoft-errors";
import type { AzureAdVersion } from "./settings-schema";

/**
 * The one place that calls Microsoft's token endpoint: authorization codes, refresh tokens and app-only tokens.
 * Throttling, outages and timeouts are retried with backoff; a refused app registration (invalid_client) flags the
 * settings so the hub shows what to fix.
 */
const ATTEMPTS = 3;
const TIMEOUT_MS = 15_000;
const MAX_RETRY_AFTER_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryDelay(attempt: number, retryAfter: string | null): number {
  const seconds = Number(retryAfter);
  if (retryAfter && Number.isFinite(seconds)) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  return 500 * 3 ** (attempt - 1);
}

export async function requestToken(
  app: MicrosoftApp,
  grant: Record<string, string>,
  options: { version?: AzureAdVersion; tenant?: string } = {},
): Promise<TokenSet> {
  const provider = azureAd(options.version ?? app.azureAdVersion);
  const url = provider.tokenUrl(app.loginUrl, options.tenant ?? app.tenant);

  for (let attempt = 1; ; attempt++) {
    // Built again for every attempt: a client assertion carries a fresh jti and times each time, since Microsoft
    // may have seen (and spent) the one whose answer was lost.
    const body = new URLSearchParams({ client_id: app.clientId, ...(await clientAuthentication(app.credential, app.clientId, url)), ...grant });
    let failure: MicrosoftError;
    let retryAfter: string | null = null;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const json: unknown = await response.json().catch(() => undefined);
      if (response.ok) {
        const tokens = provider.readTokenResponse(json);
        await clearSettingsProblem();
        return tokens;
      }
      failure = tokenEndpointError(response.status, json);
      retryAfter = response.headers.get("retry-after");
    } catch (cause) {
      if (cause instanceof MicrosoftError) throw cause;
      failure =
        cause instanceof Error && cause.message.startsWith("Unexpected token response")
          ? new MicrosoftError("other", new HubError("microsoft_unexpected_answer", undefined, { cause }))
          : signInUnavailable({ unreachable: true }, cause);
    }
    log.warn("microsoft.token_request_failed", { grantType: grant.grant_type, kind: failure.kind, errorCode: failure.code, attempt });
    if (failure.kind === "invalid_client") await flagSettingsProblem(failure);
    if (failure.kind !== "transient" || attempt >= ATTEMPTS) throw failure;
    await sleep(retryDelay(attempt, retryAfter));
  }
}

async function flagSettingsProblem(error: MicrosoftError) {
  await db.office365Settings.updateMany({ data: { problemCode: error.code, problemMessage: error.message, problemAt: new Date() } });
}

async function clearSettingsProblem() {
  await db.office365Settings.updateMany({ where: { problemCode: { not: null } }, data: { problemCode: null, problemMessage: null, problemAt: null } });
}
