import type { ReactNode } from "react";

/**
 * One GOV.UK tick box: a 40 px box, its label beside it and an optional hint under the label, linked to the box. The
 * box carries `id` (default: the name), so an error summary's link lands on it. An unticked box sends nothing.
 */
export function Checkbox({
  name,
  id = name,
  label,
  hint,
  value = "on",
  defaultChecked,
  className = "mb-6",
}: {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  value?: string;
  defaultChecked?: boolean;
  className?: string;
}) {
  return (
    <div className={`flex items-start gap-3 ${className}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="size-10 flex-none cursor-pointer accent-ink focus-visible:shadow-[0_0_0_4px_var(--color-ink)] focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-focus"
      />
      <div className="min-w-0 pt-1.5">
        <label htmlFor={id} className="block cursor-pointer">
          {label}
        </label>
        {hint ? (
          <div id={`${id}-hint`} className="text-base text-muted">
            {hint}
          </div>
        ) : null}
      </div>
    </div>
  );
}
