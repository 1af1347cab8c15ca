import type { ReactNode } from "react";
import { FocusOnShow } from "./FocusOnShow";

/**
 * GOV.UK notification banner (success or important information). `focus`: the banner reports the result of what the
 * user just did, so it takes focus when it appears — `true` on a page reached by a redirect, or the form's action
 * state for a message drawn by a form (focused again after every answer).
 */
export function Banner({
  kind = "info",
  title,
  children,
  testId,
  focus,
}: {
  kind?: "success" | "info";
  title: string;
  children?: ReactNode;
  testId?: string;
  focus?: true | object;
}) {
  const colour = kind === "success" ? "border-ok" : "border-brand";
  const heading = kind === "success" ? "bg-ok" : "bg-brand";
  const box = {
    role: kind === "success" ? "status" : "region",
    "aria-labelledby": testId ? `${testId}-title` : undefined,
    "data-testid": testId,
    className: `mb-8 border-4 ${colour} focus:outline-3 focus:outline-offset-0 focus:outline-focus`,
    children: (
      <>
        <p id={testId ? `${testId}-title` : undefined} className={`${heading} px-4 py-1 font-bold text-white`}>
          {kind === "success" ? "Success" : "Important"}
        </p>
        <div className="bg-white p-4">
          <p className="text-xl font-bold">{title}</p>
          {children ? <div className="mt-2">{children}</div> : null}
        </div>
      </>
    ),
  };
  return focus ? <FocusOnShow trigger={focus} {...box} /> : <div {...box} />;
}

/** GOV.UK warning text: an exclamation mark and bold text that tells the user about something important. */
export function Warning({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="mb-8 flex gap-4 border-l-8 border-warn bg-panel p-4" data-testid={testId}>
      <span
        aria-hidden="true"
        className="flex size-9 flex-none items-center justify-center rounded-full bg-ink text-2xl font-bold text-white"
      >
        !
      </span>
      <div>
        <p className="font-bold">
          <span className="sr-only">Warning: </span>
          {title}
        </p>
        {children ? <div className="mt-2 space-y-2">{children}</div> : null}
      </div>
    </div>
  );
}
