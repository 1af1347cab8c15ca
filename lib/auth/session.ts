import "server-only";
import { createHash } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "../db";
import { forbidden, unauthenticated } from "../errors";
import { auth } from "./config";
import { isRole, type Role } from "./roles";
import { CURRENT_PATH_HEADER } from "../http/request-headers";

export type SessionUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in hub user, re-read from the database on every call: a removed user or a changed role takes effect at
 * once, whatever the session cookie says.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const id = await sessionUserId();
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id } });
  if (!user || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * The user id of the request's session cookie. Auth.js reads the cookie by decrypting it and writing it afresh (a few
 * milliseconds, more when the machine is busy, on every page view and action): the same cookie's answer is kept for
 * up to 10 seconds (never past the session's end), keyed by a hash of the cookie. The cookie cannot be revoked before
 * it expires either way (JWT sessions); the user is still read from the database on every call.
 */
const SESSION_KEPT_MS = 10_000;
const sessions = new Map<string, { id: string | null; until: number }>();

async function sessionUserId(): Promise<string | null> {
  const key = sessionCookieKey((await cookies()).getAll());
  const now = Date.now();
  const kept = key ? sessions.get(key) : undefined;
  if (kept && kept.until > now) return kept.id;
  const session = await auth();
  const id = session?.user?.id ?? null;
  if (key && id) {
    if (sessions.size >= 10_000) sessions.clear();
    sessions.set(key, { id, until: Math.min(now + SESSION_KEPT_MS, session?.expires ? Date.parse(session.expires) : now) });
  }
  return id;
}

/** The session cookie (Auth.js may split a long one into `.0`, `.1`, …) as a hash, or null without one. */
function sessionCookieKey(all: { name: string; value: string }[]): string | null {
  const parts = all.filter((cookie) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(cookie.name)).map((cookie) => `${cookie.name}=${cookie.value}`);
  return parts.length === 0 ? null : createHash("sha256").update(parts.sort().join(";")).digest("base64url");
}

const allowed = (user: SessionUser, role: Role) => role === "staff" || user.role === "admin";

/** For pages: sends a visitor without a session to sign in, and a user without the role to the access-denied page. */
export async function requirePageUser(role: Role = "admin"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) {
    const here = (await headers()).get(CURRENT_PATH_HEADER) ?? "/";
    redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  }
  if (!allowed(user, role)) redirect("/access-denied");
  return user;
}

/** For server actions and route handlers: throws HubError (unauthenticated / forbidden) instead of redirecting. */
export async function requireUser(role: Role = "admin"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  if (!allowed(user, role)) throw forbidden();
  return user;
}
