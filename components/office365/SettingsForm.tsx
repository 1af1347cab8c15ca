"use client";

import { useActionState, type ReactNode } from "react";
import { saveOffice365Settings, type SettingsFormState } from "@/app/utilities/integrations/office365/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { RadioGroup, TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FIELD_LABELS, SETTINGS_FIELDS, type SettingsField } from "@/lib/integrations/office365/settings-schema";

export type SettingsFormProps = {
  values: { clientId: string; azureAdVersion: string; tenant: string; cloud: string; clientSecretExpiresOn: string };
  /** "27 November 2026 at 5:05pm" when a secret is saved; the secret itself never reaches the browser. */
  secretSavedAt: string | null;
  versionOptions: { value: string; label: string; hint: string }[];
  cloudOptions: { value: string; label: string; hint: string }[];
  tenantHint: ReactNode;
};

const INITIAL: SettingsFormState = { status: "idle", errors: {} };

export function SettingsForm({ values: saved, secretSavedAt, versionOptions, cloudOptions, tenantHint }: SettingsFormProps) {
  const [state, action] = useActionState(saveOffice365Settings, INITIAL);
  const errors = state.errors;
  // After an error, show what was entered; otherwise what is saved. React resets the form after each submission.
  const values = state.status === "invalid" ? { ...saved, ...state.values } : saved;
  const summary = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...SETTINGS_FIELDS.filter((field) => errors[field]).map((field) => ({ field, message: errors[field] as string })),
  ];
  const error = (field: SettingsField) => errors[field];

  return (
    <>
      {state.status === "saved" ? (
        <Banner kind="success" title="Office 365 settings saved" testId="settings-saved" focus={state}>
          {state.changed && state.changed.length > 0 ? <p>Changed: {state.changed.join(", ")}.</p> : <p>Nothing had changed.</p>}
        </Banner>
      ) : null}
      <ErrorSummary errors={summary} />
      <h2 id="settings-heading">Settings</h2>
      <form action={action} noValidate aria-labelledby="settings-heading">
        <TextField
          name="clientId"
          label={FIELD_LABELS.clientId}
          hint="The Application (client) ID from the app registration's Overview page in Microsoft Entra."
          error={error("clientId")}
          defaultValue={values.clientId}
          autoComplete="off"
          spellCheck={false}
          className="max-w-xl font-mono"
        />
        <TextField
          name="clientSecret"
          label={FIELD_LABELS.clientSecret}
          hint={
            secretSavedAt ? (
              <>
                <span data-testid="secret-saved">A client secret was saved on {secretSavedAt}.</span> Leave this empty to keep it, or
                enter a new one to replace it.
              </>
            ) : (
              "The secret's Value from Certificates & secrets (not its Secret ID). It is stored encrypted and never shown again."
            )
          }
          error={error("clientSecret")}
          type="password"
          defaultValue=""
          autoComplete="new-password"
          spellCheck={false}
          className="max-w-xl"
        />
        <RadioGroup
          name="azureAdVersion"
          legend={FIELD_LABELS.azureAdVersion}
          hint="Which Microsoft identity platform endpoints the hub signs in with."
          error={error("azureAdVersion")}
          options={versionOptions}
          defaultValue={values.azureAdVersion}
        />
        <TextField
          name="tenant"
          label={FIELD_LABELS.tenant}
          hint={tenantHint}
          error={error("tenant")}
          defaultValue={values.tenant}
          autoComplete="off"
          spellCheck={false}
          className="max-w-xl"
        />
        <RadioGroup
          name="cloud"
          legend={FIELD_LABELS.cloud}
          hint="The Microsoft cloud your tenant is in. It decides where accounts sign in and where calendars are read."
          error={error("cloud")}
          options={cloudOptions}
          defaultValue={values.cloud}
        />
        <TextField
          name="clientSecretExpiresOn"
          label={FIELD_LABELS.clientSecretExpiresOn}
          hint="Optional. The Expires date shown next to the secret in Microsoft Entra. The hub warns 30 days before."
          error={error("clientSecretExpiresOn")}
          type="date"
          defaultValue={values.clientSecretExpiresOn}
          className="max-w-60"
        />
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </form>
    </>
  );
}
