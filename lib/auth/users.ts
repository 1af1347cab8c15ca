import "server-only";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { HubError } from "../errors";
import { recordAudit } from "../audit";
import { hashPassword } from "./password";
import { isRole, type Role } from "./roles";
import { newUserSchema } from "./schemas";

export type HubUser = { id: string; email: string; name: string | null; role: Role };

export async function countAdmins(): Promise<number> {
  return db.user.count({ where: { role: "admin" } });
}

/**
 * Creates a hub user (and, when an admin does it, the audit record, in the same transaction). Input is validated here
 * too, because the CLI and the start script call it directly.
 */
export async function createUser(
  input: { email: string; password: string; role: Role; name?: string },
  actor?: { id: string; email: string },
): Promise<HubUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError("invalid_input", { message: issue?.message ?? "Invalid user" }, { field: String(issue?.path[0] ?? "") });
  }
  const { email, password, role, name } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      // Written first, with no read before it: on SQLite the transaction then waits for the database's write lock
      // instead of failing when another process (the running hub, for the CLI) writes between a read and this write.
      const user = await tx.user.create({ data: { email, name: name || null, role, passwordHash } });
      if (actor) await recordAudit(tx, { actor, action: "hub.user.added", target: "hub", detail: `${email} (${role})` });
      return { id: user.id, email: user.email, name: user.name, role };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new HubError("user_exists", { email }, { field: "email" });
    throw error;
  }
}

export async function setPassword(email: string, password: string): Promise<void> {
  const parsed = newUserSchema.pick({ email: true, password: true }).safeParse({ email, password });
  if (!parsed.success) throw new HubError("invalid_input", { message: parsed.error.issues[0]?.message ?? "Invalid input" });
  const updated = await db.user.updateMany({
    where: { email: parsed.data.email },
    data: { passwordHash: await hashPassword(parsed.data.password) },
  });
  if (updated.count === 0) throw new HubError("user_not_found", { email: parsed.data.email });
}

/**
 * First start: when no admin exists and HUB_ADMIN_EMAIL / HUB_ADMIN_PASSWORD are set, create that admin.
 * Returns what happened, for the start script to report.
 */
export async function bootstrapAdmin(env: NodeJS.ProcessEnv): Promise<"exists" | "created" | "missing"> {
  if ((await countAdmins()) > 0) return "exists";
  if (!env.HUB_ADMIN_EMAIL || !env.HUB_ADMIN_PASSWORD) return "missing";
  await createUser({ email: env.HUB_ADMIN_EMAIL, password: env.HUB_ADMIN_PASSWORD, role: "admin" });
  return "created";
}

export type HubUserView = HubUser & { createdAt: Date };

export async function listUsers(): Promise<HubUserView[]> {
  const users = await db.user.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }] });
  return users.flatMap((user) => (isRole(user.role) ? [{ id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt }] : []));
}

/** Removes a hub user. Nobody removes themselves, and the last admin stays, so the hub is never left without one. */
export async function removeUser(actor: { id: string; email: string }, id: string): Promise<{ email: string }> {
  if (actor.id === id) throw new HubError("cannot_remove_self");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw new HubError("user_not_found", {});
    if (user.role === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new HubError("last_admin");
    }
    await tx.user.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "hub.user.removed", target: "hub", detail: user.email });
    return { email: user.email };
  });
}
