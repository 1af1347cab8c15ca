"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** A form's submit button that says what is happening while the server works. */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  name,
  value,
}: {
  children: ReactNode;
  pendingText: string;
  variant?: "primary" | "secondary" | "warning";
  name?: string;
  value?: string;
}) {
  const { pending } = useFormStatus();
  const variantClass = variant === "secondary" ? "hub-button-secondary" : variant === "warning" ? "hub-button-warning" : "";
  // The button says what is happening in its own text (so it keeps an accessible name while pending), and a live
  // region beside it — present before the wait, so screen readers announce the change — says it too.
  return (
    <>
      <button
        type="submit"
        name={name}
        value={value}
        className={`hub-button ${variantClass}`}
        aria-disabled={pending || undefined}
        onClick={(event) => {
          if (pending) event.preventDefault();
        }}
      >
        {pending ? (
          <>
            <span aria-hidden="true" className="inline-block size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
            {pendingText}
          </>
        ) : (
          children
        )}
      </button>
      <span role="status" className="sr-only">
        {pending ? pendingText : ""}
      </span>
    </>
  );
}
