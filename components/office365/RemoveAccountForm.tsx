"use client";

import { useActionState } from "react";
import { removeConnectedAccount, type AccountActionState } from "@/app/utilities/integrations/office365/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { SubmitButton } from "@/components/ui/SubmitButton";

/** The confirmation before removing an account: Remove (a POST) or Cancel (back to the list). Works without JavaScript. */
export function RemoveAccountForm({ accountId }: { accountId: string }) {
  const [state, action] = useActionState<AccountActionState, FormData>(removeConnectedAccount, { status: "idle" });
  return (
    <>
      <ErrorSummary errors={state.status === "failed" && state.message ? [{ message: state.message }] : []} />
      <div className="flex flex-wrap items-center gap-4">
        <form action={action}>
          <input type="hidden" name="accountId" value={accountId} />
          <SubmitButton pendingText="Removing…" variant="warning">
            Remove
          </SubmitButton>
        </form>
        <form method="get" action="/utilities/integrations/office365">
          <button type="submit" className="hub-button hub-button-secondary">
            Cancel
          </button>
        </form>
      </div>
    </>
  );
}
