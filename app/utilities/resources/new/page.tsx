import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { NewResourceForm } from "@/components/resources/NewResourceForm";
import { SummaryList, type SummaryRow } from "@/components/resources/SummaryList";
import { Address } from "@/components/ui/Address";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { FocusOnShow } from "@/components/ui/FocusOnShow";
import { RadioGroup, TextField } from "@/components/ui/fields";
import { Warning } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { requirePageUser } from "@/lib/auth/session";
import { isHubError } from "@/lib/errors";
import { listAccounts } from "@/lib/integrations/office365/accounts";
import { listCalendars, type CalendarInfo } from "@/lib/integrations/office365/calendar/calendars";
import { listApplicationMailboxes } from "@/lib/integrations/office365/mailboxes";
import { readNewResourceQuery, stepHref, type ChoiceField, type NewResourceQuery } from "@/lib/resources/new-resource-steps";
import { readChosenCalendar } from "@/lib/resources/resources";
import { CALENDAR_HOW_IDS, CALENDAR_HOWS } from "@/lib/resources/schemas";
import type { FieldErrors } from "@/lib/validation";

export const metadata: Metadata = { title: "Add resource" };

/**
 * Add resource, a step to a page: each step is a GET form (its own address; works without JavaScript) and the choices
 * so far travel in the query. The admin picks from what the hub reads — application mailboxes, connected accounts,
 * calendars listed by Microsoft — and never types an id. The last step is a server action that reads the calendar
 * again and saves.
 */
type Query = Record<string, string | string[] | undefined>;
const PATH = "/utilities/resources/new";
const FIELD_ORDER: ChoiceField[] = ["how", "mailboxId", "accountId", "sharedMailbox", "calendarId"];

const raw = (query: Query, field: string) => {
  const value = query[field];
  return (Array.isArray(value) ? value[0] : value) ?? "";
};

export default async function NewResourcePage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePageUser("admin");
  const query = await searchParams;
  const state = readNewResourceQuery(query);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { href: "/utilities/resources", label: "Resources" }, { label: "Add resource" }]} />
      <h1>Add resource</h1>
      {await step(state, query, state.errors)}
    </>
  );
}

/** The step to show; a step whose reading from Microsoft fails shows the step before it with the reason. */
async function step(state: NewResourceQuery, query: Query, errors: FieldErrors<ChoiceField>): Promise<ReactNode> {
  switch (state.step) {
    case "how":
      return <HowStep errors={errors} focus={Boolean(raw(query, "from"))} />;
    case "mailbox":
      return <MailboxStep state={state} errors={errors} />;
    case "account":
      return <AccountStep state={state} query={query} errors={errors} />;
    case "calendar": {
      let calendars: CalendarInfo[];
      try {
        calendars = await listCalendars({ accountId: state.values.accountId!, mailbox: state.values.sharedMailbox });
      } catch (error) {
        if (!isHubError(error)) throw error;
        const field = error.field === "accountId" || state.how !== "shared" ? "accountId" : "sharedMailbox";
        return <AccountStep state={state} query={query} errors={{ [field]: error.message }} />;
      }
      return <CalendarStep state={state} calendars={calendars} errors={errors} />;
    }
    case "details":
      return detailsStep(state, query);
  }
}

function StepFrame({ errors, rows, focusKey, children }: { errors: FieldErrors<ChoiceField>; rows: SummaryRow[]; focusKey?: string; children: ReactNode }) {
  const summary = FIELD_ORDER.filter((field) => errors[field]).map((field) => ({ field, message: errors[field]! }));
  return (
    <>
      <ErrorSummary errors={summary} />
      {rows.length > 0 ? <SummaryList rows={rows} testId="choices-so-far" /> : null}
      {/* After each step, what the next one asks takes focus (unless the error summary has it). */}
      {focusKey && summary.length === 0 ? (
        <FocusOnShow trigger={focusKey} aria-label="Next step" className="focus:outline-3 focus:outline-offset-4 focus:outline-focus">
          {children}
        </FocusOnShow>
      ) : (
        children
      )}
    </>
  );
}

function Hidden({ values }: { values: Record<string, string | undefined> }) {
  return Object.entries(values).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null));
}

const howRow = (state: NewResourceQuery): SummaryRow => ({
  key: "how",
  label: "How the hub reaches its calendar",
  value: CALENDAR_HOWS[state.how!].label,
  changeHref: stepHref(state.values, "how"),
});

function HowStep({ errors, focus }: { errors: FieldErrors<ChoiceField>; focus: boolean }) {
  return (
    <StepFrame errors={errors} rows={[]} focusKey={focus ? "how" : undefined}>
      <p className="mb-6 max-w-3xl">
        A resource is something staff book — a room, equipment, a team&rsquo;s calendar — with exactly one calendar in Microsoft 365 behind it.
        Rooms can also be added several at a time{" "}
        <Link href="/utilities/resources/directory" className="hub-link">
          from the directory
        </Link>
        .
      </p>
      <Form action={PATH} className="max-w-2xl">
        <input type="hidden" name="from" value="how" />
        <RadioGroup
          name="how"
          legend="How does the hub reach its calendar?"
          error={errors.how}
          options={CALENDAR_HOW_IDS.map((id) => ({ value: id, label: CALENDAR_HOWS[id].label, hint: CALENDAR_HOWS[id].hint }))}
        />
        <SubmitButton pendingText="Loading…">Continue</SubmitButton>
      </Form>
    </StepFrame>
  );
}

const office365Mailboxes = (
  <Link href="/utilities/integrations/office365#mailboxes-heading" className="hub-link">
    Mailboxes with application access on the Office 365 page
  </Link>
);

async function MailboxStep({ state, errors }: { state: NewResourceQuery; errors: FieldErrors<ChoiceField> }) {
  const mailboxes = await listApplicationMailboxes();
  return (
    <StepFrame errors={errors} rows={[howRow(state)]} focusKey="mailbox">
      {mailboxes.length === 0 ? (
        <Warning title="There is no mailbox with application access yet" testId="no-application-mailboxes">
          <p>
            Add the room&rsquo;s or shared mailbox&rsquo;s address under {office365Mailboxes} (after Grant admin consent there), then come back to
            add it as a resource. Or add rooms{" "}
            <Link href="/utilities/resources/directory" className="hub-link">
              from the directory
            </Link>
            , which does both in one step.
          </p>
        </Warning>
      ) : (
        <Form action={PATH} className="max-w-2xl">
          <Hidden values={{ how: state.how, from: "mailbox" }} />
          <RadioGroup
            name="mailboxId"
            legend="Which mailbox?"
            hint="Its default calendar will be the resource's."
            error={errors.mailboxId}
            defaultValue={state.values.mailboxId}
            options={mailboxes.map((mailbox) => ({ value: mailbox.id, label: mailbox.displayName ?? mailbox.address, hint: mailbox.address }))}
          />
          <p className="mb-6 max-w-2xl text-base text-muted">Not in the list? Add its address under {office365Mailboxes}.</p>
          <SubmitButton pendingText="Checking the calendar with Microsoft…">Continue</SubmitButton>
        </Form>
      )}
    </StepFrame>
  );
}

async function AccountStep({ state, query, errors }: { state: NewResourceQuery; query: Query; errors: FieldErrors<ChoiceField> }) {
  const accounts = await listAccounts();
  const shared = state.how === "shared";
  return (
    <StepFrame errors={errors} rows={[howRow(state)]} focusKey={`account-${state.how}`}>
      {accounts.length === 0 ? (
        <Warning title="No account is connected yet" testId="no-accounts">
          <p>
            Connect one on the{" "}
            <Link href="/utilities/integrations/office365" className="hub-link">
              Office 365 page
            </Link>{" "}
            first (Connect account), then come back.
          </p>
        </Warning>
      ) : (
        <Form action={PATH} className="max-w-2xl">
          <Hidden values={{ how: state.how, from: "account" }} />
          <RadioGroup
            name="accountId"
            legend={shared ? "Which connected account is the calendar shared with?" : "Which connected account?"}
            error={errors.accountId}
            defaultValue={state.values.accountId ?? raw(query, "accountId")}
            options={accounts.map((account) => ({
              value: account.id,
              label: account.email,
              hint: [account.displayName, account.status === "reconnect_required" ? "Must be reconnected on the Office 365 page" : null].filter(Boolean).join(". ") || undefined,
            }))}
          />
          {shared ? (
            <TextField
              name="sharedMailbox"
              label="The shared mailbox's address"
              hint={<Address>{"The mailbox whose calendar is shared with the account in Outlook, for example room.council-chamber@example.gov.uk."}</Address>}
              type="email"
              autoComplete="off"
              spellCheck={false}
              defaultValue={raw(query, "sharedMailbox")}
              error={errors.sharedMailbox}
            />
          ) : null}
          <SubmitButton pendingText="Asking Microsoft for the calendars…">Continue</SubmitButton>
        </Form>
      )}
    </StepFrame>
  );
}

async function accountRows(state: NewResourceQuery): Promise<SummaryRow[]> {
  const account = (await listAccounts()).find((candidate) => candidate.id === state.values.accountId);
  const rows: SummaryRow[] = [
    howRow(state),
    { key: "accountId", label: "Connected account", value: <Address>{account?.email ?? "An account no longer connected"}</Address>, changeHref: stepHref(state.values, "accountId") },
  ];
  if (state.how === "shared") {
    rows.push({ key: "sharedMailbox", label: "Shared mailbox", value: <Address>{state.values.sharedMailbox!}</Address>, changeHref: stepHref(state.values, "sharedMailbox") });
  }
  return rows;
}

async function CalendarStep({ state, calendars, errors }: { state: NewResourceQuery; calendars: CalendarInfo[]; errors: FieldErrors<ChoiceField> }) {
  return (
    <StepFrame errors={errors} rows={await accountRows(state)} focusKey="calendar">
      {calendars.length === 0 ? (
        <p data-testid="no-calendars">Microsoft lists no calendars here.</p>
      ) : (
        <Form action={PATH} className="max-w-2xl">
          <Hidden values={{ how: state.how, accountId: state.values.accountId, sharedMailbox: state.values.sharedMailbox, from: "calendar" }} />
          <RadioGroup
            name="calendarId"
            legend="Which calendar?"
            hint="As Microsoft lists them."
            error={errors.calendarId}
            defaultValue={state.values.calendarId}
            options={calendars.map((calendar) => ({
              value: calendar.id,
              label: calendar.name,
              hint:
                [calendar.isDefault ? "The mailbox's default calendar" : null, calendar.canEdit ? null : "Read only: the hub could not write bookings to it"]
                  .filter(Boolean)
                  .join(". ") || undefined,
            }))}
          />
          <SubmitButton pendingText="Checking the calendar with Microsoft…">Continue</SubmitButton>
        </Form>
      )}
    </StepFrame>
  );
}

async function detailsStep(state: NewResourceQuery, query: Query): Promise<ReactNode> {
  const choice = state.choice!;
  let calendar: Awaited<ReturnType<typeof readChosenCalendar>>;
  try {
    calendar = await readChosenCalendar(choice);
  } catch (error) {
    if (!isHubError(error)) throw error;
    // Shown beside what it is about, on the step that chose it.
    if (choice.how === "application") return <MailboxStep state={state} errors={{ mailboxId: error.message }} />;
    const field = error.field === "accountId" ? "accountId" : "calendarId";
    return step({ ...state, step: field === "accountId" ? "account" : "calendar" }, query, { [field]: error.message });
  }
  let rows: SummaryRow[];
  let name: string;
  if (choice.how === "application") {
    const mailbox = (await listApplicationMailboxes()).find((candidate) => candidate.id === choice.mailboxId);
    name = mailbox?.displayName ?? calendar.ownerName ?? calendar.address;
    rows = [
      howRow(state),
      {
        key: "mailboxId",
        label: "Mailbox",
        value: (
          <>
            {name} <span className="text-muted">(<Address>{calendar.address}</Address>)</span>
          </>
        ),
        changeHref: stepHref(state.values, "mailboxId"),
      },
    ];
  } else {
    name = calendar.isDefaultCalendar ? (calendar.ownerName ?? calendar.address) : calendar.calendarName;
    rows = [
      ...(await accountRows(state)),
      {
        key: "calendarId",
        label: "Calendar",
        value: `${calendar.calendarName}${calendar.isDefaultCalendar ? " (the mailbox's default calendar)" : ""}`,
        changeHref: stepHref(state.values, "calendarId"),
      },
    ];
  }
  return (
    <FocusOnShow trigger="details" aria-label="Details" className="focus:outline-3 focus:outline-offset-4 focus:outline-focus">
      <NewResourceForm
        choice={Object.fromEntries(Object.entries(choice).map(([key, value]) => [key, String(value)]))}
        rows={rows}
        defaults={{ name: name.slice(0, 100), kind: choice.how === "application" ? "room" : "calendar", whoCanBook: "staff", showOnBookingPage: true, wheelchairAccessible: false }}
      />
    </FocusOnShow>
  );
}
