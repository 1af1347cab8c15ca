"use client";

import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import type { MessageState } from "@/lib/validation";

/** One button that runs a server action (often one that sends the browser on to Microsoft), with progress and failure. */
export function ActionButton({
  action,
  fields = {},
  label,
  pendingText,
  variant = "primary",
}: {
  action: (state: MessageState, formData: FormData) => Promise<MessageState>;
  fields?: Record<string, string>;
  label: ReactNode;
  pendingText: string;
  variant?: "primary" | "secondary";
}) {
  const [state, formAction] = useActionState<MessageState, FormData>(action, { status: "idle" });
  return (
    <form action={formAction} className="inline-block">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton pendingText={pendingText} variant={variant}>
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
