import { ErrorMessage } from "@/components/ui/fields";

/**
 * GOV.UK's date input: day, month and year as three labelled boxes in one fieldset, so dates are typed the way people
 * say them and no date picker is needed. `name` prefixes the fields (`${name}Day`, …); the first box has the
 * fieldset's id so an error summary's link lands on it.
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  value,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  value?: { day: string; month: string; year: string };
}) {
  const described = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const box = (part: "Day" | "Month" | "Year", label: string, width: string) => (
    <div>
      <label htmlFor={part === "Day" ? name : `${name}${part}`} className="mb-1 block">
        {label}
      </label>
      <input
        id={part === "Day" ? name : `${name}${part}`}
        name={`${name}${part}`}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={value?.[part.toLowerCase() as "day" | "month" | "year"]}
        aria-invalid={error ? true : undefined}
        className={`hub-input ${width}`}
      />
    </div>
  );
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
      <fieldset role="group" aria-describedby={described}>
        <legend className="mb-1 font-bold">{legend}</legend>
        {hint ? (
          <div id={`${name}-hint`} className="mb-2 text-muted">
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
        <div className="flex flex-wrap gap-4">
          {box("Day", "Day", "!w-16")}
          {box("Month", "Month", "!w-16")}
          {box("Year", "Year", "!w-24")}
        </div>
      </fieldset>
    </div>
  );
}

/** "2027-01-04" → the boxes' values. */
export function dateParts(date: string): { day: string; month: string; year: string } {
  const [year = "", month = "", day = ""] = date.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}
