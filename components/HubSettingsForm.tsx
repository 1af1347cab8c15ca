"use client";

import { useActionState } from "react";
import { saveHubSettings, type HubSettingsState } from "@/app/utilities/settings/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { RadioGroup, Select, type RadioOption } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";

const FIELDS = ["form", "timeZone", "bankHolidayRegion"] as const;

/**
 * The regions arrive as options from the page, rather than imported here, so that the holidays library stays on the
 * server instead of travelling to every browser.
 */
export function HubSettingsForm({
  timeZone,
  zones,
  bankHolidayRegion,
  regions,
}: {
  timeZone: string;
  zones: string[];
  bankHolidayRegion: string;
  regions: RadioOption[];
}) {
  const [state, action] = useActionState<HubSettingsState, FormData>(saveHubSettings, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = FIELDS.filter((field) => errors[field]).map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  return (
    <>
      {state.status === "saved" ? <Banner kind="success" title="Hub settings saved" testId="hub-settings-saved" focus={state} /> : null}
      <ErrorSummary errors={summary} />
      <form action={action} noValidate className="max-w-xl">
        <Select
          name="timeZone"
          label="Site time zone"
          hint="The booking page shows weeks and times in this zone, and the hub gives every date in it. Most UK sites use Europe/London."
          error={errors.timeZone}
          options={zones.map((zone) => ({ value: zone, label: zone }))}
          defaultValue={timeZone}
        />
        <RadioGroup
          name="bankHolidayRegion"
          legend="Bank holidays"
          hint="Resources can be set to close on these bank holidays. The hub works out each year's dates itself, substitute days included, so next year's need no updating."
          error={errors.bankHolidayRegion}
          options={regions}
          defaultValue={bankHolidayRegion}
        />
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </form>
    </>
  );
}
