import "server-only";
import type { z } from "zod";
import { requireUser, type SessionUser } from "./auth/session";
import type { Role } from "./auth/roles";
import { isHubError, type Result } from "./errors";
import { requestLog } from "./http/request-log";

/**
 * The shape of every server action the site's code can call: the caller's session and role are checked first (an
 * action is a public HTTP endpoint), then the input is parsed with the action's zod schema, then the work runs.
 * Failures come back as data, never as exceptions: { ok: false, error: { code, message, field?, fields? } }.
 */
export async function runAction<Schema extends z.ZodType, T>(
  role: Role,
  schema: Schema,
  input: unknown,
  work: (data: z.output<Schema>, user: SessionUser) => Promise<T>,
): Promise<Result<T>> {
  try {
    const user = await requireUser(role);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const fields: Record<string, string> = {};
      for (const { path, message } of parsed.error.issues) if (path.length > 0) fields[path.join(".")] ??= message;
      return {
        ok: false,
        error: { code: "invalid_input", message: issue?.message ?? "The input is not valid", field: issue?.path.join(".") || undefined, fields },
      };
    }
    return { ok: true, data: await work(parsed.data, user) };
  } catch (error) {
    if (isHubError(error)) return { ok: false, error: error.toJSON() };
    (await requestLog()).error("action.failed", { error });
    return { ok: false, error: { code: "internal_error", message: "Something went wrong in the hub. The server's log has the details." } };
  }
}
