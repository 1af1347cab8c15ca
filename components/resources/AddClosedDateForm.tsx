"use client";

import { useActionState } from "react";
import { addResourceClosedDate, type ClosedDateFormState } from "@/app/utilities/resources/actions";
import { DateInput } from "@/components/ui/DateInput";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";

// The date input's first box has the fieldset's name as its id (DateInput), so that is where "closedDay" links to.
const LINKS: Record<string, string | undefined> = { form: undefined, closedDay: "closed", closedMonth: "closedMonth", closedYear: "closedYear", closedReason: "closedReason" };

/** Add a date the resource is closed on (a building closure, say): GOV.UK's date input and a reason staff are shown. */
export function AddClosedDateForm({ resourceId }: { resourceId: string }) {
  const [state, action] = useActionState<ClosedDateFormState, FormData>(addResourceClosedDate, { status: "idle", errors: {} });
  const { errors, values } = state;
  const summary = Object.keys(LINKS)
    .filter((field) => errors[field])
    .map((field) => ({ field: LINKS[field], message: errors[field]! }));
  const dateError = errors.closedDay ?? errors.closedMonth ?? errors.closedYear;
  return (
    <>
      {state.status === "added" ? <Banner kind="success" title="Closed date added" testId="closed-date-added" focus={state}><p>{state.added}</p></Banner> : null}
      <ErrorSummary errors={summary} />
      <form action={action} noValidate className="max-w-xl">
        <input type="hidden" name="resourceId" value={resourceId} />
        <DateInput
          name="closed"
          legend="Date"
          hint="For example, 24 12 2027"
          error={dateError}
          value={values ? { day: values.closedDay ?? "", month: values.closedMonth ?? "", year: values.closedYear ?? "" } : undefined}
        />
        <TextField name="closedReason" label="Reason" hint="Staff are shown it, like Building closed for repairs." autoComplete="off" defaultValue={values?.closedReason ?? ""} error={errors.closedReason} />
        <SubmitButton pendingText="Adding…">Add closed date</SubmitButton>
      </form>
    </>
  );
}
