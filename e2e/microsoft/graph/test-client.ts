import { DateTime } from "luxon";
import type { EmulatorControl } from "../control-client";
import { APPS, TENANTS } from "../directory";
import type { Emulator } from "../server";

/**
 * For the emulator's own tests: Graph requests over HTTPS with tokens from the emulator's real sign-in flows, as a
 * client gets them (graph/places.test.ts does the same inline).
 */

export type GraphAnswer = { status: number; headers: Headers; body: Record<string, unknown> & { value?: Record<string, unknown>[] } };

const APP = APPS.multi;
const REDIRECT_URI = "http://localhost:3000/jadu/integrations/office365/callback";
const CALENDAR_SCOPES = "openid offline_access Calendars.ReadWrite Calendars.ReadWrite.Shared";

export function graphClient(emulator: () => Emulator, control: () => EmulatorControl) {
  async function graph(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<GraphAnswer> {
    const url = path.startsWith("https://") ? path : `${emulator().graphUrl}/v1.0${path}`;
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? {} : (JSON.parse(text) as GraphAnswer["body"]) };
  }

  async function tokenRequest(tenant: string, form: Record<string, string>): Promise<string> {
    const response = await fetch(`${emulator().loginUrl}/${tenant}/oauth2/v2.0/token`, {
      method: "POST",
      body: new URLSearchParams({ client_id: APP.clientId, client_secret: APP.secret, ...form }),
    });
    const answer = (await response.json()) as { access_token?: string; error_description?: string };
    if (!answer.access_token) throw new Error(`No token: ${answer.error_description}`);
    return answer.access_token;
  }

  /** An app-only token of the council tenant, after an administrator's consent: every mailbox's calendars. */
  async function appToken(tenant: string = TENANTS.council.domain): Promise<string> {
    await control().updateApp(APP.clientId, { adminConsentedTenants: [TENANTS.council.domain, TENANTS.partner.domain] });
    return tokenRequest(tenant, { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" });
  }

  /** Signs in as the user (v2.0) with the calendar scopes and redeems the code. */
  async function delegatedToken(email: string, scope: string = CALENDAR_SCOPES): Promise<string> {
    await control().nextSignIn({ email });
    const query = new URLSearchParams({ client_id: APP.clientId, response_type: "code", redirect_uri: REDIRECT_URI, scope });
    const response = await fetch(`${emulator().loginUrl}/organizations/oauth2/v2.0/authorize?${query}`, { redirect: "manual" });
    const code = new URL(response.headers.get("location") ?? "").searchParams.get("code");
    if (!code) throw new Error(`No code: ${response.headers.get("location")}`);
    return tokenRequest("organizations", { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, scope });
  }

  return { graph, appToken, delegatedToken };
}

/** A local date `weeks` weeks ahead on `weekday` (1 Monday … 7 Sunday) in Europe/London: inside a room's booking window. */
export function dateAhead(weeks: number, weekday: number): string {
  const today = DateTime.now().setZone("Europe/London").startOf("day");
  return today.plus({ weeks, days: (weekday - today.weekday + 7) % 7 }).toISODate() ?? "";
}

/** The date `days` after an ISO date (for a day after one from dateAhead: two dateAheads are not in weekday order). */
export function datePlus(date: string, days: number): string {
  return DateTime.fromISO(date).plus({ days }).toISODate() ?? "";
}

/** Graph's { dateTime, timeZone } in Europe/London. */
export const london = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone: "Europe/London" });
