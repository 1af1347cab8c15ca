import type { ReactNode } from "react";

/** A link to Microsoft's own pages (Outlook, Teams) that opens in a new tab, and says so to screen reader users. */
export function NewTabLink({ href, children, className = "hub-link", testId }: { href: string; children: ReactNode; className?: string; testId?: string }) {
  return (
    <a href={href} className={className} target="_blank" rel="noopener noreferrer" data-testid={testId}>
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
