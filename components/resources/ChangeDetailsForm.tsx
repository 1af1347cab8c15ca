"use client";

import { useActionState } from "react";
import { saveResourceDetails, type ResourceFormState } from "@/app/utilities/resources/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { DETAIL_FIELD_ORDER, ResourceDetailsFields, type DetailDefaults } from "./ResourceDetailsFields";
import { ResourceFormButtons } from "./ResourceFormButtons";

export function ChangeDetailsForm({ resourceId, defaults }: { resourceId: string; defaults: DetailDefaults }) {
  const [state, action] = useActionState<ResourceFormState, FormData>(saveResourceDetails, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = ["form", ...DETAIL_FIELD_ORDER].filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={action} noValidate className="max-w-xl">
        <input type="hidden" name="resourceId" value={resourceId} />
        <ResourceDetailsFields errors={errors} values={state.values} defaults={defaults} />
        <ResourceFormButtons resourceId={resourceId} pendingText="Saving…">
          Save details
        </ResourceFormButtons>
      </form>
    </>
  );
}
