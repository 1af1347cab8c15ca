"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { MessageState } from "@/lib/validation";


/**
 * The last step before something is removed or cancelled (GOV.UK habit: confirm first): the confirming button posts to
 * a server action, the other goes back. Works without JavaScript.
 */
export function ConfirmForm({
  action,
  fields,
  confirmLabel,
  pendingText,
  backLabel = "Cancel",
  backHref,
}: {
  action: (state: MessageState, formData: FormData) => Promise<MessageState>;
  fields: Record<string, string>;
  confirmLabel: string;
  pendingText: string;
  backLabel?: string;
  backHref: string;
}) {
  const [state, formAction] = useActionState<MessageState, FormData>(action, { status: "idle" });
  return (
    <>
      <ErrorSummary errors={state.status === "failed" && state.message ? [{ message: state.message }] : []} />
      <div className="flex flex-wrap items-center gap-4">
        <form action={formAction}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <SubmitButton pendingText={pendingText} variant="warning">
            {confirmLabel}
          </SubmitButton>
        </form>
        <form method="get" action={backHref}>
          <button type="submit" className="hub-button hub-button-secondary">
            {backLabel}
          </button>
        </form>
      </div>
    </>
  );
}
