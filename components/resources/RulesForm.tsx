"use client";

import Link from "next/link";
import { useActionState } from "react";
import { saveResourceRules, type RulesFormState } from "@/app/utilities/resources/actions";
import { Checkbox } from "@/components/ui/Checkbox";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage, RadioGroup, TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { WEEKDAY_LABELS, WEEKDAYS } from "@/lib/resources/rules-schema";
import type { FieldErrors } from "@/lib/validation";

const NUMBER_FIELDS = ["bufferBeforeMinutes", "bufferAfterMinutes", "minimumNoticeMinutes", "bookUpToDays", "longestBookingMinutes", "placesPerSlot"] as const;
const FIELD_ORDER = ["form", ...WEEKDAYS.flatMap((day) => [`${day}Opens`, `${day}Closes`]), "slotMinutes", ...NUMBER_FIELDS];

export type RulesDefaults = Record<string, string | boolean>;
export type BankHolidayNote = { regionLabel: string | null; next: { date: string; words: string; name: string }[] };

/**
 * A resource's rules: opening hours per weekday, slot length, buffers, notice, horizon, longest booking, places and
 * bank holidays. Every invalid field is reported at once; nothing is saved unless all are valid.
 */
export function RulesForm({ resourceId, defaults, bankHolidays, timeZone }: { resourceId: string; defaults: RulesDefaults; bankHolidays: BankHolidayNote; timeZone: string }) {
  const [state, action] = useActionState<RulesFormState, FormData>(saveResourceRules, { status: "idle", errors: {} });
  const { errors } = state;
  const values = state.values;
  const text = (field: string) => (values ? (values[field] ?? "") : String(defaults[field] ?? ""));
  const ticked = (field: string) => (values ? values[field] === "on" : defaults[field] === true);
  const summary = FIELD_ORDER.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  const number = (name: (typeof NUMBER_FIELDS)[number], label: string, hint: string) => (
    <TextField name={name} label={label} hint={hint} inputMode="numeric" autoComplete="off" className="!w-28" defaultValue={text(name)} error={errors[name]} />
  );
  return (
    <>
      {state.status === "saved" ? <Banner kind="success" title="Rules saved" testId="rules-saved" focus={state} /> : null}
      <ErrorSummary errors={summary} />
      <form action={action} noValidate className="max-w-2xl" aria-labelledby="rules-heading">
        <input type="hidden" name="resourceId" value={resourceId} />
        <fieldset className="mb-8">
          <legend className="mb-1 text-xl font-bold">Opening hours</legend>
          <p id="opening-hours-hint" className="mb-4 text-muted">
            When it can be booked, in the site&rsquo;s time zone ({timeZone}), 24-hour clock, like 08:00. Untick a day to close it.
          </p>
          {WEEKDAYS.map((day) => (
            <DayHours key={day} day={day} open={ticked(`${day}Open`)} opens={text(`${day}Opens`)} closes={text(`${day}Closes`)} errors={errors} />
          ))}
        </fieldset>
        <RadioGroup
          name="slotMinutes"
          legend="Slot length"
          hint="The steps bookings start and end on."
          error={errors.slotMinutes}
          defaultValue={text("slotMinutes")}
          options={[
            { value: "15", label: "15 minutes" },
            { value: "30", label: "30 minutes" },
            { value: "60", label: "1 hour" },
          ]}
        />
        {number("bufferBeforeMinutes", "Buffer before", "Minutes kept free before each booking, for setting up. 0 for none.")}
        {number("bufferAfterMinutes", "Buffer after", "Minutes kept free after each booking, for clearing away. 0 for none.")}
        {number("minimumNoticeMinutes", "Minimum notice", "How long ahead a booking must be made, in minutes: 60 is an hour, 1440 a day.")}
        {number("bookUpToDays", "Book up to", "How many days ahead it can be booked. 180 is Exchange's own default for rooms.")}
        {number("longestBookingMinutes", "Longest booking", "In minutes: 240 is 4 hours.")}
        {number(
          "placesPerSlot",
          "Places per slot",
          "How many bookings can share a time: 1 for a room; more for a drop-in session with, say, 10 places. Events in Outlook not made by the hub always block the time; the hub's own bookings each take one place.",
        )}
        <Checkbox
          name="closedOnBankHolidays"
          label="Closed on bank holidays"
          defaultChecked={ticked("closedOnBankHolidays")}
          hint={<BankHolidayHint note={bankHolidays} />}
        />
        <SubmitButton pendingText="Saving…">Save rules</SubmitButton>
      </form>
    </>
  );
}

function DayHours({ day, open, opens, closes, errors }: { day: (typeof WEEKDAYS)[number]; open: boolean; opens: string; closes: string; errors: FieldErrors }) {
  const label = WEEKDAY_LABELS[day];
  const opensError = errors[`${day}Opens`];
  const closesError = errors[`${day}Closes`];
  const time = (name: string, text: string, value: string, error?: string) => (
    <div>
      <label htmlFor={name} className="mb-1 block">
        {text}
      </label>
      <input
        id={name}
        name={name}
        inputMode="numeric"
        autoComplete="off"
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        className="hub-input !w-24"
      />
    </div>
  );
  return (
    <fieldset className={`mb-4 border-b border-line pb-4 ${opensError || closesError ? "border-l-4 border-l-danger pl-4" : ""}`} data-testid={`hours-${day}`}>
      <legend className="font-bold">{label}</legend>
      {opensError ? <ErrorMessage id={`${day}Opens-error`}>{opensError}</ErrorMessage> : null}
      {closesError ? <ErrorMessage id={`${day}Closes-error`}>{closesError}</ErrorMessage> : null}
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <Checkbox name={`${day}Open`} label="Open" defaultChecked={open} className="mb-0 self-center pt-6" />
        {time(`${day}Opens`, "Opens", opens, opensError)}
        {time(`${day}Closes`, "Closes", closes, closesError)}
      </div>
    </fieldset>
  );
}

function BankHolidayHint({ note }: { note: BankHolidayNote }) {
  const settings = (
    <Link href="/utilities/settings" className="hub-link">
      Utilities › Settings
    </Link>
  );
  if (!note.regionLabel) return <>No bank holidays are chosen in {settings}, so this closes it on none until a region is chosen there.</>;
  return (
    <>
      <span className="block">
        The bank holidays of {note.regionLabel}, as chosen in {settings}.
      </span>
      {note.next.length > 0 ? (
        <span className="block" data-testid="next-bank-holidays">
          The next: {note.next.map((holiday) => `${holiday.words} (${holiday.name})`).join("; ")}.
        </span>
      ) : null}
    </>
  );
}
