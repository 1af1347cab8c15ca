"use client";

import { useActionState } from "react";
import { saveHubSettings, type HubSettingsState } from "@/app/utilities/settings/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { ErrorMessage } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";

export function HubSettingsForm({ timeZone, zones }: { timeZone: string; zones: string[] }) {
  const [state, action] = useActionState<HubSettingsState, FormData>(saveHubSettings, { status: "idle" });
  const error = state.status === "invalid" ? state.message : undefined;
  return (
    <>
      {state.status === "saved" ? <Banner kind="success" title="Hub settings saved" testId="hub-settings-saved" focus={state} /> : null}
      <ErrorSummary errors={error ? [{ field: "timeZone", message: error }] : []} />
      <form action={action} className="max-w-xl">
        <div className={`mb-6 ${error ? "border-l-4 border-danger pl-4" : ""}`}>
          <label htmlFor="timeZone" className="mb-1 block font-bold">
            Site time zone
          </label>
          <div id="timeZone-hint" className="mb-2 text-muted">
            The booking page shows weeks and times in this zone, and the hub gives every date in it. Most UK sites use Europe/London.
          </div>
          {error ? <ErrorMessage id="timeZone-error">{error}</ErrorMessage> : null}
          <select
            id="timeZone"
            name="timeZone"
            defaultValue={timeZone}
            aria-describedby={error ? "timeZone-hint timeZone-error" : "timeZone-hint"}
            className="hub-input"
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </form>
    </>
  );
}
