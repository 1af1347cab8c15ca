import "server-only";
import type { z } from "zod";
import { requireUser, type SessionUser } from "./auth/session";
import type { Role } from "./auth/roles";
import { describeError, isHubError, type PublicError, type Result } from "./errors";
import { requestLog } from "./http/request-log";
import { calendarBudget, takeToken } from "./rate-limit";

/**
 * The shape of every server action the site's code can call: the caller's session and role are checked first (an
 * action is a public HTTP endpoint), then — for work that reaches Microsoft — the caller's request budget, then the
 * input is parsed with the action's zod schema, then the work runs. Failures come back as data, never as exceptions:
 * { ok: false, error: { code, message, field?, fields? } }, worded for the caller (administrator or staff).
 */
export type ActionOptions = {
  /** "microsoft": the action calls Microsoft, so it draws on the caller's budget (lib/rate-limit.ts). */
  cost?: "microsoft";
};

/** Draws one call on the user's budget of calls that reach Microsoft (rate_limited when it is spent). */
export const spendMicrosoftBudget = (user: { id: string }) => takeToken(`calendar:${user.id}`, calendarBudget());

export async function runAction<Schema extends z.ZodType, T>(
  role: Role,
  schema: Schema,
  input: unknown,
  work: (data: z.output<Schema>, user: SessionUser) => Promise<T>,
  options: ActionOptions = {},
): Promise<Result<T>> {
  let user: SessionUser | undefined;
  try {
    user = await requireUser(role);
    if (options.cost === "microsoft") await spendMicrosoftBudget(user);
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    return { ok: true, data: await work(parsed.data, user) };
  } catch (error) {
    if (isHubError(error)) return { ok: false, error: error.toJSON(user?.role === "admin" ? "admin" : "staff") };
    (await requestLog()).error("action.failed", { error });
    return { ok: false, error: { code: "internal_error", message: describeError("internal_error", undefined) } };
  }
}

/** Every invalid field at once (`fields`, by path), and the first of them as `field`/`message`. */
export function invalidInput(error: z.ZodError): PublicError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "form"] ??= issue.message;
  const [field, message] = Object.entries(fields)[0] ?? ["form", "The input is not valid"];
  return { code: "invalid_input", message, ...(field !== "form" ? { field } : {}), fields };
}
