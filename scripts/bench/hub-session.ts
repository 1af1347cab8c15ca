import type { ActionRef } from "../lib/server-actions/action-ids";
import { actionResult, encodeReply } from "../lib/server-actions/flight";

/**
 * A hub user's browser, as far as the bench needs one: it signs in through Auth.js's credentials endpoints, keeps the
 * cookies, opens pages, and calls server actions the way React's client does (`encodeReply` of plain JSON arguments is
 * their JSON text, sent as text/plain; the answer is a flight stream).
 */
export class HubSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  /** The same person (the same cookies, so the same session) reaching another instance of the hub. */
  at(origin: string): HubSession {
    const session = new HubSession(origin);
    for (const [name, value] of this.cookies) session.cookies.set(name, value);
    return session;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    const response = await fetch(this.origin + pathAndQuery, { redirect: "manual", ...init, headers });
    this.keepCookies(response);
    return response;
  }

  /** GET /api/auth/csrf, then POST /api/auth/callback/credentials, as the sign-in form does; throws unless signed in. */
  async signIn(email: string, password: string): Promise<void> {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken?: string };
    if (!csrf.csrfToken) throw new Error("The hub gave no CSRF token at /api/auth/csrf");
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken, callbackUrl: `${this.origin}/bookings` }),
    });
    await response.arrayBuffer();
    const location = response.headers.get("location") ?? "";
    if (![302, 303].includes(response.status) || location.includes("error") || ![...this.cookies.keys()].some((name) => name.endsWith("authjs.session-token"))) {
      throw new Error(`Signing in as ${email} failed (${response.status}, location ${location || "none"})`);
    }
  }

  /** A page as the browser loads it; throws unless it answers 200. */
  async page(pathAndQuery: string): Promise<string> {
    const response = await this.fetch(pathAndQuery, { headers: { accept: "text/html" } });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${html.slice(0, 300)}`);
    return html;
  }

  /** Calls a server action over HTTP and gives what it returned (the `{ ok, data }` result for ours). */
  async callAction(action: ActionRef, args: unknown[]): Promise<unknown> {
    const response = await this.fetch(action.page, {
      method: "POST",
      headers: {
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        "next-action": action.id,
        origin: this.origin,
      },
      body: encodeReply(args),
    });
    const body = new Uint8Array(await response.arrayBuffer());
    const type = response.headers.get("content-type") ?? "";
    if (response.status !== 200 || !type.startsWith("text/x-component")) {
      throw new Error(`${action.name} over HTTP answered ${response.status} (${type}): ${Buffer.from(body).toString("utf8").slice(0, 300)}`);
    }
    return actionResult(body);
  }
}
