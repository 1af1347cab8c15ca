"use client";

import { useActionState } from "react";
import { testAccountConnection, type AccountActionState } from "@/app/utilities/integrations/office365/actions";
import { Address } from "@/components/ui/Address";
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
        {/* In the narrow actions column: the account's address wraps at "@" and ".", a long request ID anywhere. */}
        {state.status !== "idle" && state.message ? (
          <p className={`mt-2 text-base font-bold wrap-anywhere ${state.status === "ok" ? "text-ok" : "text-danger"}`}>
            <Address>{state.message}</Address>
          </p>
        ) : null}
      </div>
    </form>
  );
}
