"use client";

import { useActionState } from "react";
import { addResource, type ResourceFormState } from "@/app/utilities/resources/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { DETAIL_FIELD_ORDER, ResourceDetailsFields, type DetailDefaults } from "./ResourceDetailsFields";
import { SummaryList, type SummaryRow } from "./SummaryList";

/**
 * Add resource's last step: the calendar chosen (as hidden fields, shown as a summary whose rows carry any refusal
 * from Microsoft) and the details. The hub reads the calendar again before saving anything.
 */
export function NewResourceForm({ choice, rows, defaults }: { choice: Record<string, string>; rows: SummaryRow[]; defaults: DetailDefaults }) {
  const [state, action] = useActionState<ResourceFormState, FormData>(addResource, { status: "idle", errors: {} });
  const { errors } = state;
  const order = ["form", ...rows.map((row) => row.key), ...DETAIL_FIELD_ORDER];
  const summary = order.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  return (
    <>
      <ErrorSummary errors={summary} />
      <h2>The calendar</h2>
      <SummaryList rows={rows.map((row) => ({ ...row, error: errors[row.key] }))} testId="chosen-calendar" />
      <form action={action} noValidate className="max-w-xl">
        {Object.entries(choice).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <h2>Details</h2>
        <ResourceDetailsFields errors={errors} values={state.values} defaults={defaults} />
        <SubmitButton pendingText="Checking the calendar with Microsoft…">Add resource</SubmitButton>
      </form>
    </>
  );
}
