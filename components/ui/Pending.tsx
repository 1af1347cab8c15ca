"use client";

import Link, { useLinkStatus } from "next/link";
import { useSearchParams } from "next/navigation";
import { useState, type ComponentProps, type ReactNode } from "react";

/**
 * Progress for anything that waits on Microsoft: a link or a GET form's button says so the moment it is used (and
 * marks itself busy for assistive technology) until the next page has arrived. Without it a slow answer from Microsoft
 * is seconds of silence.
 */
export const WAITING_FOR_MICROSOFT = "Checking availability with Microsoft…";

function Spinner() {
  return <span aria-hidden="true" className="mr-2 inline-block size-4 animate-spin rounded-full border-2 border-current border-t-transparent align-[-0.125em]" />;
}

function LinkPending({ text }: { text: string }) {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span role="status" aria-busy="true" className="ml-2 inline-block text-base font-normal" data-testid="pending">
      <Spinner />
      {text}
    </span>
  );
}

/** A link whose page waits on Microsoft. */
export function ProgressLink({ children, pendingText = WAITING_FOR_MICROSOFT, ...props }: ComponentProps<typeof Link> & { pendingText?: string }) {
  return (
    <Link {...props}>
      {children}
      <LinkPending text={pendingText} />
    </Link>
  );
}

/**
 * The submit button of a GET form (next/form) whose results wait on Microsoft: pending from the click until the page's
 * address (its query) changes.
 */
export function ProgressSubmit({ children, pendingText = WAITING_FOR_MICROSOFT, className }: { children: ReactNode; pendingText?: string; className?: string }) {
  // Pending while the address is still the one the button was pressed on: derived, so a new page ends it at once.
  const query = useSearchParams().toString();
  const [pressedOn, setPressedOn] = useState<string | null>(null);
  const pending = pressedOn === query;
  const press = () => {
    setPressedOn(query);
    // The same search again leaves the address as it was: stop saying "checking" once it must have arrived.
    window.setTimeout(() => setPressedOn(null), 20_000);
  };
  return (
    <button type="submit" className={className ?? "hub-button"} aria-busy={pending || undefined} onClick={press}>
      {pending ? (
        <>
          <Spinner />
          <span role="status" data-testid="pending">
            {pendingText}
          </span>
        </>
      ) : (
        children
      )}
    </button>
  );
}
