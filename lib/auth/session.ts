import "server-only";
import { headers } from "next/headers";
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
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id } });
  if (!user || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
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
