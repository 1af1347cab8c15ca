import { z } from "zod";

/**
 * JSON kept in a text column (the same on SQLite and PostgreSQL), parsed with zod where it is read: the rest of the
 * code gets typed values, never a cast. A value that does not parse is a damaged row.
 */
export type StoredJson<T> = { ok: true; value: T } | { ok: false; problem: string };

export function readStoredJson<S extends z.ZodType>(schema: S, text: string): StoredJson<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: "not valid JSON" };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue && issue.path.length > 0 ? `at ${issue.path.join(".")}: ` : ""}${issue?.message ?? "unexpected value"}` };
}

/** As readStoredJson, for columns the hub alone writes: a damaged value is an error naming the column. */
export function parseStoredJson<S extends z.ZodType>(schema: S, text: string, column: string): z.output<S> {
  const result = readStoredJson(schema, text);
  if (!result.ok) throw new Error(`The stored ${column} cannot be read: ${result.problem}.`);
  return result.value;
}

/** Lists of email addresses, dates or names. */
export const storedStrings = z.array(z.string());
