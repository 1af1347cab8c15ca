import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

/** Labelled form fields in the GOV.UK pattern: label, hint, error message, then the input, all linked for assistive tech. */
type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
};

function describedBy(name: string, hint: unknown, error: unknown) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mb-2 font-bold text-danger">
      <span className="sr-only">Error: </span>
      {children}
    </p>
  );
}

/** The GOV.UK frame around one control: label, hint and error message, linked to the control by id. */
function FieldFrame({ name, label, hint, error, children }: Omit<FieldProps, "className"> & { children: ReactNode }) {
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <label htmlFor={name} className="mb-1 block font-bold">
        {label}
      </label>
      {hint ? (
        <div id={`${name}-hint`} className="mb-2 text-muted">
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      {children}
    </div>
  );
}

/** What every control in a frame carries: its id, the error state and the hint and error it is described by. */
const controlProps = ({ name, hint, error, className }: FieldProps) => ({
  id: name,
  name,
  "aria-invalid": error ? true : undefined,
  "aria-describedby": describedBy(name, hint, error),
  className: `hub-input ${className ?? ""}`,
});

export function TextField({ name, label, hint, error, className, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      <input {...controlProps({ name, label, hint, error, className })} {...input} />
    </FieldFrame>
  );
}

export function TextArea({
  name,
  label,
  hint,
  error,
  className,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error}>
      <textarea {...controlProps({ name, label, hint, error, className })} {...textarea} />
    </FieldFrame>
  );
}

/**
 * One radio: its label, a hint, and `conditional` content shown under it only while it is chosen (GOV.UK's
 * conditional reveal, done with CSS so that it works without JavaScript too).
 */
export type RadioOption = { value: string; label: string; hint?: string; conditional?: ReactNode };

export function RadioGroup({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  columns = false,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  options: RadioOption[];
  defaultValue?: string;
  /** Short options side by side where there is room (a day's start times): still one group, in reading order. */
  columns?: boolean;
}) {
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <fieldset aria-describedby={describedBy(name, hint, error)}>
        <legend className="mb-1 font-bold">{legend}</legend>
        {hint ? (
          <div id={`${name}-hint`} className="mb-2 text-muted">
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
        <div className={columns ? "grid grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] gap-x-4 gap-y-2" : "space-y-2"}>
          {options.map((option, index) => {
            // The first radio carries the field's id, so the error summary's link lands on the group.
            const id = index === 0 ? name : `${name}-${option.value}`;
            const radio = (
              <div key={option.value} className="flex items-start gap-3">
                <input
                  type="radio"
                  id={id}
                  name={name}
                  value={option.value}
                  defaultChecked={defaultValue === option.value}
                  aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                  aria-controls={option.conditional ? `${id}-conditional` : undefined}
                  className="hub-radio"
                />
                <div className="pt-1.5">
                  <label htmlFor={id} className="block cursor-pointer">
                    {option.label}
                  </label>
                  {option.hint ? (
                    <div id={`${id}-item-hint`} className="text-base text-muted">
                      {option.hint}
                    </div>
                  ) : null}
                </div>
              </div>
            );
            if (!option.conditional) return radio;
            return (
              <div key={option.value} className="hub-conditional-option">
                {radio}
                <div id={`${id}-conditional`} className="hub-conditional">
                  {option.conditional}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
