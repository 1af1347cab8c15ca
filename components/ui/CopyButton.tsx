"use client";

import { useState } from "react";

/** Copies a value to the clipboard and says so. The value stays visible and selectable for anyone without JavaScript. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <>
      <button
        type="button"
        className="hub-button hub-button-secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied("copied");
          } catch {
            setCopied("failed");
          }
        }}
      >
        {label}
      </button>
      <span role="status" className="ml-3 text-base">
        {copied === "copied" ? "Copied" : copied === "failed" ? "Could not copy: select the text and copy it" : ""}
      </span>
    </>
  );
}
