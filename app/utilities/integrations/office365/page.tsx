import type { Metadata } from "next";
import Link from "next/link";
import { Office365Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { SettingsForm } from "@/components/office365/SettingsForm";
import { RedirectUri, SetupGuide } from "@/components/office365/SetupGuide";
import { AccountsTable } from "@/components/office365/AccountsTable";
import { ApplicationMailboxes } from "@/components/office365/ApplicationMailboxes";
import { connectAccount } from "./actions";
import { ActionButton } from "@/components/ui/ActionButton";
import { ConnectionNotices } from "@/components/office365/ConnectionNotices";
import { LiveAvailability } from "@/components/office365/LiveAvailability";
import { environment } from "@/lib/config";
import { listMirrorStatuses } from "@/lib/mirror/status";
import { Warning } from "@/components/ui/notices";
import { requirePageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/dates";
import { readSiteTimeZone } from "@/lib/site-settings";
import { CLOUDS, CLOUD_IDS } from "@/lib/integrations/office365/clouds";
import { redirectUri } from "@/lib/integrations/office365/redirect-uri";
import { credentialExpiry } from "@/lib/integrations/office365/secret-expiry";
import { listAccounts } from "@/lib/integrations/office365/accounts";
import { listApplicationMailboxes } from "@/lib/integrations/office365/mailboxes";
import { lastSettingsChange, readSettings } from "@/lib/integrations/office365/settings";
import {
  AZURE_AD_VERSION_IDS,
  AZURE_AD_VERSIONS,
  CREDENTIAL_TYPE_IDS,
  CREDENTIAL_TYPES,
  DEFAULT_TENANT,
  FIELD_LABELS,
  type SettingsField,
} from "@/lib/integrations/office365/settings-schema";

export const metadata: Metadata = { title: "Office 365" };

const tenantHint = (
  <>
    <span className="block">
      <code>organizations</code> for work or school accounts, <code>common</code> to also allow personal accounts, <code>consumers</code>{" "}
      for personal accounts only, or your Directory (tenant) ID or domain.
    </span>
    <span className="block">
      A single-tenant app registration needs its Directory (tenant) ID here: with organizations or common, Microsoft refuses to sign in
      (AADSTS50194).
    </span>
  </>
);

type SearchParams = Record<string, string | string[] | undefined>;

export default async function Office365Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser("admin");
  const [settings, lastChange, accounts, mailboxes, zone, query, live] = await Promise.all([
    readSettings(),
    lastSettingsChange(),
    listAccounts(),
    listApplicationMailboxes(),
    readSiteTimeZone(),
    searchParams,
    listMirrorStatuses(),
  ]);
  const settingsProblem = settings?.problem ?? null;
  const uri = redirectUri();
  const expiry = settings ? credentialExpiry(settings, zone) : ({ state: "unknown" } as const);
  const certificate = settings?.certificate ?? null;

  return (
    <>
      <Office365Breadcrumbs />
      <h1>Office 365</h1>
      <p className="mb-8 max-w-3xl">
        Connect Microsoft 365 accounts through Azure AD so that booking pages and the site&rsquo;s own code can read and write their
        calendars. Save the app registration&rsquo;s details, then connect each account.
      </p>
      <p className="-mt-4 mb-8 max-w-3xl">
        What staff can book — rooms, equipment and calendars reached through these accounts and mailboxes — is chosen in{" "}
        <Link href="/utilities/resources" className="hub-link">
          Resources
        </Link>
        , where rooms can also be added from your organisation&rsquo;s room directory.
      </p>

      {expiry.state === "soon" || expiry.state === "expired" ? (
        <Warning title={expiry.title} testId="secret-expiry-warning">
          <p>{expiry.consequence}</p>
          <p>To renew it:</p>
          <ol className="ml-6 list-decimal space-y-1">
            {expiry.renewal.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Warning>
      ) : null}

      <ConnectionNotices query={query} accounts={accounts} />

      {settingsProblem ? (
        <Warning title="Microsoft refused the app registration" testId="settings-problem">
          <p>{settingsProblem.message}</p>
          <p>No account can be connected or renewed until this is fixed. Connected accounts are kept.</p>
        </Warning>
      ) : null}

      {settings ? (
        <section aria-labelledby="accounts-heading" className="mb-12">
          <h2 id="accounts-heading">Authorised accounts</h2>
          <AccountsTable accounts={accounts} timeZone={zone} />
          <ActionButton action={connectAccount} label="Connect account" pendingText="Opening Microsoft sign-in…" />
          <p className="mt-3 max-w-2xl text-base text-muted">
            You will be sent to Microsoft to sign in. Sign in as the account to connect; its email address then appears in this list.
          </p>
        </section>
      ) : null}

      {settings ? (
        <ApplicationMailboxes
          timeZone={zone}
          mailboxes={mailboxes}
          consent={settings.adminConsentAt && settings.adminConsentTenant ? { at: settings.adminConsentAt, tenant: settings.adminConsentTenant } : null}
        />
      ) : null}

      {settings ? <LiveAvailability statuses={live} timeZone={zone} intervalSeconds={environment().syncIntervalSeconds} /> : null}

      <section aria-labelledby="settings-heading" className="mb-10 max-w-3xl">
        <SettingsForm
          values={{
            clientId: settings?.clientId ?? "",
            credentialType: settings?.credentialType ?? "secret",
            azureAdVersion: settings?.azureAdVersion ?? "",
            tenant: settings?.tenant ?? DEFAULT_TENANT,
            cloud: settings?.cloud ?? "global",
            clientSecretExpiresOn: settings?.clientSecretExpiresOn ?? "",
          }}
          secretSavedAt={settings?.clientSecretSavedAt ? formatDateTime(settings.clientSecretSavedAt, zone) : null}
          certificate={
            certificate
              ? {
                  thumbprint: certificate.thumbprint,
                  subject: certificate.subject,
                  validFrom: formatDateTime(certificate.notBefore, zone),
                  validTo: formatDateTime(certificate.notAfter, zone),
                  savedAt: formatDateTime(certificate.savedAt, zone),
                  downloadUrl: "/utilities/integrations/office365/certificate",
                }
              : null
          }
          credentialOptions={CREDENTIAL_TYPE_IDS.map((id) => ({ value: id, ...CREDENTIAL_TYPES[id] }))}
          versionOptions={AZURE_AD_VERSION_IDS.map((id) => ({ value: id, ...AZURE_AD_VERSIONS[id] }))}
          cloudOptions={CLOUD_IDS.map((id) => ({ value: id, label: CLOUDS[id].label, hint: CLOUDS[id].hint }))}
          tenantHint={tenantHint}
        />
        {lastChange ? (
          <p className="mt-8 text-base text-muted" data-testid="last-change">
            Last changed by {lastChange.actorEmail} on {formatDateTime(lastChange.at, zone)}
            {lastChange.fields.length > 0
              ? ` (${lastChange.fields.map((field) => FIELD_LABELS[field as SettingsField] ?? field).join(", ")})`
              : ""}
            .
          </p>
        ) : null}
      </section>
      <RedirectUri uri={uri} />
      <SetupGuide uri={uri} cloud={settings?.cloud ?? "global"} />
    </>
  );
}
