"use client";

import { useActionState, type ReactNode } from "react";
import { connectAccount, type AccountActionState } from "@/app/utilities/integrations/office365/actions";
import { SubmitButton } from "@/components/ui/SubmitButton";

/** Connect account, or Reconnect for one account: a POST that sends the browser to Microsoft's sign-in. */
export function ConnectAccountButton({ accountId, label = "Connect account", variant = "primary" }: {
  accountId?: string;
  label?: ReactNode;
  variant?: "primary" | "secondary";
}) {
  const [state, action] = useActionState<AccountActionState, FormData>(connectAccount, { status: "idle" });
  return (
    <form action={action} className="inline-block">
      {accountId ? <input type="hidden" name="accountId" value={accountId} /> : null}
      <SubmitButton pendingText="Opening Microsoft sign-in…" variant={variant}>
        {label}
      </SubmitButton>
      {state.status === "failed" ? (
        <p className="mt-2 font-bold text-danger" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
