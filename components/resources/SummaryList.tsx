import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/fields";

/** `testId`: on the row's value. */
export type SummaryRow = { key: string; label: string; value: ReactNode; changeHref?: string; error?: string; testId?: string };

/**
 * GOV.UK summary list: what was chosen or saved, a row each, with a Change link where it can be changed. A row's
 * error is shown in the row, which carries the field's id so an error summary's link lands on it. Rows stack on a
 * phone. `className`: the list's own spacing and border, where it sits in something else (a card).
 */
export function SummaryList({ rows, testId, className = "mb-8 border-t border-line" }: { rows: SummaryRow[]; testId?: string; className?: string }) {
  return (
    <dl className={className} data-testid={testId}>
      {rows.map((row) => (
        <div
          key={row.key}
          id={row.key}
          tabIndex={row.error ? -1 : undefined}
          className={`flex flex-col gap-1 border-b border-line py-3 sm:flex-row sm:gap-4 ${row.error ? "border-l-4 border-l-danger pl-4" : ""}`}
        >
          <dt className="font-bold sm:w-1/3">{row.label}</dt>
          <dd className="min-w-0 sm:flex-1" data-testid={row.testId}>
            {row.error ? <ErrorMessage id={`${row.key}-error`}>{row.error}</ErrorMessage> : null}
            {row.value}
          </dd>
          {row.changeHref ? (
            <dd className="sm:w-28 sm:text-right">
              <Link href={row.changeHref} className="hub-link inline-block py-0.5">
                Change<span className="sr-only"> {row.label.toLowerCase()}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
