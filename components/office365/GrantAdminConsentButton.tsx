"use client";

import { useActionState } from "react";
import { grantAdminConsent, type AccountActionState } from "@/app/utilities/integrations/office365/actions";
import { SubmitButton } from "@/components/ui/SubmitButton";

export function GrantAdminConsentButton() {
  const [state, action] = useActionState<AccountActionState>(grantAdminConsent, { status: "idle" });
  return (
    <form action={action}>
      <SubmitButton pendingText="Opening Microsoft…" variant="secondary">
        Grant admin consent
      </SubmitButton>
      {state.status === "failed" ? (
        <p className="mt-2 font-bold text-danger" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
