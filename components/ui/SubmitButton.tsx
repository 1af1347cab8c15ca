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
  return (
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
          <span role="status">{pendingText}</span>
        </>
      ) : (
        children
      )}
    </button>
  );
}
