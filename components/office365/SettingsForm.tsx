"use client";

import { useActionState, useState, type ReactNode } from "react";
import { saveOffice365Settings, type SettingsFormState } from "@/app/utilities/integrations/office365/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { RadioGroup, TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { CertificateFields, type SavedCertificate } from "@/components/office365/CertificateFields";
import { FIELD_LABELS, GENERATE_CERTIFICATE_INTENT, SETTINGS_FIELDS, type SettingsField } from "@/lib/integrations/office365/settings-fields";

export type SettingsFormProps = {
  values: { clientId: string; credentialType: string; azureAdVersion: string; tenant: string; cloud: string; clientSecretExpiresOn: string };
  /** "27 November 2026 at 5:05pm" when a secret is saved; the secret itself never reaches the browser. */
  secretSavedAt: string | null;
  /** The saved certificate's public details; its private key never reaches the browser. */
  certificate: SavedCertificate | null;
  credentialOptions: { value: string; label: string; hint: string }[];
  versionOptions: { value: string; label: string; hint: string }[];
  cloudOptions: { value: string; label: string; hint: string }[];
  tenantHint: ReactNode;
};

const INITIAL: SettingsFormState = { status: "idle", errors: {} };

export function SettingsForm({ values: saved, secretSavedAt, certificate, credentialOptions, versionOptions, cloudOptions, tenantHint }: SettingsFormProps) {
  const [state, action] = useActionState(saveOffice365Settings, INITIAL);
  const errors = state.errors;
  // After an error, show what was entered; otherwise what is saved. React resets the form after each submission.
  const values = state.status === "invalid" ? { ...saved, ...state.values } : saved;
  // Only the chosen credential's fields are shown (both are saved and kept), and any field with an error.
  const [credential, setCredential] = useState(values.credentialType || "secret");
  const showSecret = credential === "secret" || Boolean(errors.clientSecret || errors.clientSecretExpiresOn);
  const showCertificate = credential === "certificate" || Boolean(errors.privateKey || errors.certificate);
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
        <div
          onChange={(event) => {
            const input = event.target as HTMLInputElement;
            if (input.name === "credentialType") setCredential(input.value);
          }}
        >
          <RadioGroup
            name="credentialType"
            legend={FIELD_LABELS.credentialType}
            hint="How the hub proves to Microsoft that it is this app registration. A saved client secret and a saved certificate are both kept; token requests use the one chosen here."
            error={error("credentialType")}
            options={credentialOptions}
            defaultValue={values.credentialType}
          />
        </div>
        <div hidden={!showSecret}>
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
        </div>
        <div hidden={!showCertificate}>
          <CertificateFields
            saved={certificate}
            inUse={saved.credentialType === "certificate"}
            generated={state.status === "saved" && Boolean(state.generated)}
            errors={{ privateKey: error("privateKey"), certificate: error("certificate") }}
            certificateText={state.status === "invalid" ? (state.values?.certificate ?? "") : ""}
          />
        </div>
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
        <div hidden={!showSecret}>
          <TextField
            name="clientSecretExpiresOn"
            label={FIELD_LABELS.clientSecretExpiresOn}
            hint="Optional. The Expires date shown next to the secret in Microsoft Entra. The hub warns 30 days before."
            error={error("clientSecretExpiresOn")}
            type="date"
            defaultValue={values.clientSecretExpiresOn}
            className="max-w-60"
          />
        </div>
        <div className="flex flex-wrap items-start gap-4">
          <SubmitButton pendingText="Saving…">Save</SubmitButton>
          {showCertificate ? (
            <SubmitButton name="intent" value={GENERATE_CERTIFICATE_INTENT} variant="secondary" pendingText="Generating…">
              Generate a key pair and certificate
            </SubmitButton>
          ) : null}
        </div>
        {showCertificate ? (
          <p className="mt-3 max-w-2xl text-base text-muted">
            Generate a key pair and certificate saves these settings with a new RSA key pair and a self-signed certificate valid for two
            years, made on the server. Then download the certificate and upload it to Microsoft Entra.
          </p>
        ) : null}
      </form>
    </>
  );
}
