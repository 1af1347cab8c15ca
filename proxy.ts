import { NextResponse, type NextRequest } from "next/server";
import { environment } from "./lib/config";
import { microsoftSignInOrigins } from "./lib/integrations/office365/clouds";
import { CURRENT_PATH_HEADER, REQUEST_ID_HEADER, requestIdFrom } from "./lib/http/request-headers";
import { contentSecurityPolicy } from "./lib/http/security-headers";
import { log } from "./lib/log";

/**
 * Runs before every request: a fresh CSP nonce, a request id for the logs, and — as a convenience only — a redirect
 * to sign in for hub pages when there is no session cookie at all. Every page, server action and route handler still
 * checks the session itself (lib/auth/session.ts).
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const SIGNED_IN_AREAS = ["/utilities", "/bookings"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const publicUrl = environment().publicUrl;
  const policy = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    https: publicUrl.startsWith("https://"),
    formTargets: microsoftSignInOrigins(environment().microsoftLoginUrl),
  });
  log.info("request", { requestId, method: request.method, path: pathname });

  const needsSession = SIGNED_IN_AREAS.some((area) => pathname === area || pathname.startsWith(`${area}/`));
  const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (needsSession && !hasSessionCookie && request.method === "GET") {
    const signIn = new URL("/signin", publicUrl);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    const response = NextResponse.redirect(signIn);
    response.headers.set("Content-Security-Policy", policy);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Next.js takes the nonce for its own scripts from the request's policy header.
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  requestHeaders.set(CURRENT_PATH_HEADER, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
