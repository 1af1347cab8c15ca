"use client";

import Link from "next/link";
import { useActionState } from "react";
import { saveResourceDetails, type ResourceFormState } from "@/app/utilities/resources/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { DETAIL_FIELD_ORDER, ResourceDetailsFields, type DetailDefaults } from "./ResourceDetailsFields";

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
        <div className="flex flex-wrap items-center gap-6">
          <SubmitButton pendingText="Saving…">Save details</SubmitButton>
          <Link href={`/utilities/resources/${resourceId}`} className="hub-link inline-block py-0.5">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
