import { z } from "zod";
import { graphIdSchema, mailboxSchema } from "../integrations/office365/calendar/schemas";
import type { FieldErrors } from "../validation";
import { CALENDAR_HOW_IDS, hubIdSchema, type CalendarChoice } from "./schemas";

/**
 * Add resource, step by step, each step a GET form so it has its own address and works without JavaScript: how the
 * hub reaches the calendar, then the mailbox (application access) or the account (and the shared mailbox's address),
 * then the account's or shared mailbox's calendar, then the details. The query holds the choices made so far; this
 * reads it into the step to show. A value missing from the step just submitted (`from`) or not valid is reported
 * against its field, and that step is shown again.
 */
export type NewResourceStep = "how" | "mailbox" | "account" | "calendar" | "details";
export type ChoiceField = "how" | "mailboxId" | "accountId" | "sharedMailbox" | "calendarId";

export type NewResourceQuery = {
  step: NewResourceStep;
  /** The valid choices so far. */
  values: Partial<Record<ChoiceField, string>>;
  how?: CalendarChoice["how"];
  errors: FieldErrors<ChoiceField>;
  /** When step is "details": the whole choice. */
  choice?: CalendarChoice;
};

type Query = Record<string, string | string[] | undefined>;

const FIELD_STEP: Record<ChoiceField, NewResourceStep> = { how: "how", mailboxId: "mailbox", accountId: "account", sharedMailbox: "account", calendarId: "calendar" };

const SCHEMAS: Record<ChoiceField, z.ZodType<string>> = {
  how: z.enum(CALENDAR_HOW_IDS, { error: "Choose how the hub reaches its calendar" }),
  mailboxId: hubIdSchema("a mailbox with application access"),
  accountId: hubIdSchema("a connected account"),
  sharedMailbox: mailboxSchema,
  calendarId: graphIdSchema("a calendar"),
};

const MISSING: Record<ChoiceField, string> = {
  how: "Choose how the hub reaches its calendar",
  mailboxId: "Choose a mailbox",
  accountId: "Choose a connected account",
  sharedMailbox: "Enter the shared mailbox's address, like room.chamber@example.gov.uk",
  calendarId: "Choose a calendar",
};

/** The fields each way asks for, in order. */
export const CHOICE_FIELDS: Record<CalendarChoice["how"], ChoiceField[]> = {
  application: ["how", "mailboxId"],
  account: ["how", "accountId", "calendarId"],
  shared: ["how", "accountId", "sharedMailbox", "calendarId"],
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function readNewResourceQuery(query: Query): NewResourceQuery {
  const from = one(query.from);
  const values: NewResourceQuery["values"] = {};
  const errors: FieldErrors<ChoiceField> = {};
  const fields = (): ChoiceField[] => (values.how ? CHOICE_FIELDS[values.how as CalendarChoice["how"]] : ["how"]);

  // Field by field, in order; the first step with a missing or invalid value is the step to show.
  for (let index = 0; index < fields().length; index++) {
    const field = fields()[index]!;
    const step = FIELD_STEP[field];
    const raw = one(query[field]);
    const parsed = raw === undefined ? null : SCHEMAS[field].safeParse(raw);
    if (parsed?.success) {
      values[field] = parsed.data;
      continue;
    }
    if (parsed) errors[field] = parsed.error.issues[0]?.message ?? MISSING[field];
    else if (from === step) errors[field] = MISSING[field];
    // The step's other fields (the shared mailbox beside the account) are checked too, so both are reported at once.
    for (const other of fields().slice(index + 1).filter((name) => FIELD_STEP[name] === step)) {
      const value = one(query[other]);
      const result = value === undefined ? null : SCHEMAS[other].safeParse(value);
      if (result?.success) values[other] = result.data;
      else if (result) errors[other] = result.error.issues[0]?.message ?? MISSING[other];
      else if (from === step) errors[other] = MISSING[other];
    }
    return { step, values, how: values.how as CalendarChoice["how"] | undefined, errors };
  }
  const how = values.how as CalendarChoice["how"];
  const choice: CalendarChoice =
    how === "application"
      ? { how, mailboxId: values.mailboxId! }
      : how === "account"
        ? { how, accountId: values.accountId!, calendarId: values.calendarId! }
        : { how, accountId: values.accountId!, sharedMailbox: values.sharedMailbox!, calendarId: values.calendarId! };
  return { step: "details", values, how, errors, choice };
}

/** The address of the step that asks for `field`, keeping the choices made before it. */
export function stepHref(values: NewResourceQuery["values"], field: ChoiceField, base = "/utilities/resources/new"): string {
  const how = values.how as CalendarChoice["how"] | undefined;
  const order = how ? CHOICE_FIELDS[how] : ["how" as const];
  const step = FIELD_STEP[field];
  const keep = order.slice(0, order.findIndex((name) => FIELD_STEP[name] === step));
  const query = new URLSearchParams(keep.flatMap((name) => (values[name] ? [[name, values[name]!]] : [])));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}
