import type { z } from "zod";

/** Field name → the first message for it, in the order the schema reported them (which follows the form). */
export type FieldErrors<Field extends string = string> = Partial<Record<Field, string>>;

export function fieldErrors<Field extends string>(error: z.ZodError): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form") as Field;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** FormData → plain strings, so a zod schema can parse a form the same way it parses a server action's arguments. */
export function formValues(formData: FormData, fields: readonly string[]): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const field of fields) {
    const value = formData.get(field);
    values[field] = typeof value === "string" ? value : undefined;
  }
  return values;
}

/** What a simple form action answers: nothing yet, done, or a message saying what went wrong. */
export type MessageState = { status: "idle" | "ok" | "failed"; message?: string };
