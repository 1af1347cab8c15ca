"use client";

import { useEffect } from "react";
import { FocusOnShow } from "./FocusOnShow";

export type ErrorSummaryItem = { field?: string; message: string };

/**
 * GOV.UK error summary: at the top of the form, focused when it appears so screen reader users hear it, each message
 * linking to its field. Also prefixes the page title with "Error: ".
 */
export function ErrorSummary({ errors, title = "There is a problem" }: { errors: ErrorSummaryItem[]; title?: string }) {
  const signature = errors.map((error) => `${error.field}:${error.message}`).join("|");

  useEffect(() => {
    if (!signature) return;
    const original = document.title.replace(/^Error: /, "");
    document.title = `Error: ${original}`;
    return () => {
      document.title = original;
    };
  }, [signature]);

  if (errors.length === 0) return null;
  return (
    <FocusOnShow
      trigger={signature}
      role="alert"
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
      className="mb-8 border-4 border-danger p-4 focus:outline-3 focus:outline-offset-0 focus:outline-focus"
    >
      <h2 id="error-summary-title" className="!mb-3">
        {title}
      </h2>
      <ul className="space-y-2">
        {errors.map((error) => (
          <li key={`${error.field}:${error.message}`}>
            {error.field ? (
              <a href={`#${error.field}`} className="hub-link font-bold !text-danger focus-visible:!text-ink">
                {error.message}
              </a>
            ) : (
              <span className="font-bold text-danger">{error.message}</span>
            )}
          </li>
        ))}
      </ul>
    </FocusOnShow>
  );
}
