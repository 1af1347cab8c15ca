import type { z } from "zod";
import type { Directory, User } from "./directory";

/** A control API refusal: the status and the message control-client.ts turns into an Error. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw new ControlError(400, result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "));
  }
  return result.data;
}

export function findUser(directory: Directory, email: string): User {
  const user = directory.userByEmail(email);
  if (!user) throw new ControlError(404, `No user '${email}' in the emulator's directory.`);
  return user;
}
