"use client";

import { useActionState } from "react";
import { testAccountConnection, type AccountActionState } from "@/app/utilities/integrations/office365/actions";
import { SubmitButton } from "@/components/ui/SubmitButton";

/** Calls Microsoft Graph as the account and shows what came back. */
export function TestConnectionButton({ accountId, email }: { accountId: string; email: string }) {
  const [state, action] = useActionState<AccountActionState, FormData>(testAccountConnection, { status: "idle" });
  return (
    <form action={action} aria-label={`Test connection for ${email}`}>
      <input type="hidden" name="accountId" value={accountId} />
      <SubmitButton pendingText="Testing…" variant="secondary">
        Test connection<span className="sr-only"> for {email}</span>
      </SubmitButton>
      <div role="status" aria-live="polite" data-testid="test-result">
        {state.status === "ok" ? <p className="mt-2 font-bold text-ok">{state.message}</p> : null}
        {state.status === "failed" ? <p className="mt-2 font-bold text-danger">{state.message}</p> : null}
      </div>
    </form>
  );
}
