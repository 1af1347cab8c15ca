import "server-only";
import { db } from "../db";
import { HubError } from "../errors";
import { hashPassword } from "./password";
import type { Role } from "./roles";
import { newUserSchema } from "./schemas";

export type HubUser = { id: string; email: string; name: string | null; role: Role };

export async function countAdmins(): Promise<number> {
  return db.user.count({ where: { role: "admin" } });
}

/** Creates a hub user. Input is validated here too, because the CLI and the start script call it directly. */
export async function createUser(input: { email: string; password: string; role: Role; name?: string }): Promise<HubUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HubError("invalid_input", issue?.message ?? "Invalid user", { field: String(issue?.path[0] ?? "") });
  }
  const { email, password, role, name } = parsed.data;
  if (await db.user.findUnique({ where: { email } })) {
    throw new HubError("user_exists", `A hub user with the email address ${email} already exists.`, { field: "email" });
  }
  const user = await db.user.create({
    data: { email, name: name || null, role, passwordHash: await hashPassword(password) },
  });
  return { id: user.id, email: user.email, name: user.name, role };
}

export async function setPassword(email: string, password: string): Promise<void> {
  const parsed = newUserSchema.pick({ email: true, password: true }).safeParse({ email, password });
  if (!parsed.success) throw new HubError("invalid_input", parsed.error.issues[0]?.message ?? "Invalid input");
  const updated = await db.user.updateMany({
    where: { email: parsed.data.email },
    data: { passwordHash: await hashPassword(parsed.data.password) },
  });
  if (updated.count === 0) throw new HubError("not_found", `There is no hub user with the email address ${parsed.data.email}.`);
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
