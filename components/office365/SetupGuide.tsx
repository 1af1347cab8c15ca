import { CopyButton } from "@/components/ui/CopyButton";
import { CLOUDS, type Cloud } from "@/lib/integrations/office365/clouds";
import { APP_REGISTRATION_PERMISSIONS } from "@/lib/integrations/office365/permissions";


function Permissions({ names }: { names: readonly string[] }) {
  return (
    <ul className="my-2 ml-6 list-disc">
      {names.map((name) => (
        <li key={name}>
          <code>{name}</code>
        </li>
      ))}
    </ul>
  );
}

/** The redirect URI to register, with a copy button. */
export function RedirectUri({ uri }: { uri: string }) {
  return (
    <section aria-labelledby="redirect-uri-heading" className="mb-10">
      <h2 id="redirect-uri-heading">Redirect URI</h2>
      <p className="mb-2">Register this exact address as a Web redirect URI in the app registration. Microsoft compares it character by character.</p>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="redirect-uri" className="sr-only">
          Redirect URI
        </label>
        <input id="redirect-uri" readOnly value={uri} className="hub-input min-w-0 flex-1 font-mono" data-testid="redirect-uri" />
        <CopyButton value={uri} label="Copy redirect URI" />
      </div>
    </section>
  );
}

/** Step-by-step set-up in today's Microsoft Entra admin center, for both Azure AD versions. */
export function SetupGuide({ uri, cloud }: { uri: string; cloud: Cloud }) {
  const adminCenter = CLOUDS[cloud].adminCenterUrl;
  return (
    <section aria-labelledby="setup-heading" className="mb-10">
      <h2 id="setup-heading">How to set up the app registration</h2>
      <p className="mb-4 max-w-3xl">
        Both Azure AD versions use one app registration in the Microsoft Entra admin center. The portals that older guides
        mention (manage.windowsazure.com and apps.dev.microsoft.com) have been retired.
      </p>
      <details className="mb-4 border-l-4 border-line pl-4" open>
        <summary className="hub-focus-text cursor-pointer py-1 font-bold text-brand underline">Register the app (both versions)</summary>
        <ol className="mt-3 ml-6 list-decimal space-y-3">
          <li>
            Sign in to the Microsoft Entra admin center at <code>{adminCenter}</code> as at least a Cloud Application Administrator.
          </li>
          <li>Go to Identity, then Applications, then App registrations, and choose New registration.</li>
          <li>Enter a name people will recognise when they sign in, for example &ldquo;Council website bookings&rdquo;.</li>
          <li>
            Under Supported account types, choose <strong>Accounts in this organizational directory only (Single tenant)</strong> if only
            your organisation&rsquo;s accounts will connect. Then enter the Directory (tenant) ID in Tenant on this page. Choose a
            multitenant option only if accounts from other organisations must connect.
          </li>
          <li>
            Under Redirect URI, select the <strong>Web</strong> platform and enter <code className="break-all">{uri}</code>. Choose
            Register.
          </li>
          <li>
            On the app&rsquo;s Overview page, copy the Application (client) ID into <strong>Client ID</strong>, and the Directory
            (tenant) ID into <strong>Tenant</strong> for a single-tenant app.
          </li>
          <li>
            Give the app a credential, and choose the same under <strong>Credential</strong> on this page:
            <ul className="my-2 ml-6 list-disc space-y-2">
              <li>
                <strong>A client secret</strong>: open Certificates &amp; secrets, choose New client secret and pick an expiry (at most 24
                months). Copy the secret&rsquo;s <strong>Value</strong>, not its Secret ID, into <strong>Client secret</strong> straight
                away: Microsoft shows it only once. Enter its Expires date in <strong>Client secret expires on</strong> so the hub can warn
                you before it stops working.
              </li>
              <li>
                <strong>A certificate</strong>, where your organisation forbids client secrets (an app management policy): choose{" "}
                <strong>Generate a key pair and certificate</strong> on this page (or paste your own private key and certificate and
                save), then <strong>Download the certificate</strong>. In the app registration, open Certificates &amp; secrets, then
                Certificates, choose Upload certificate, select the file and Add. Entra lists it with the same Thumbprint as this page.
                The private key stays in the hub; the hub warns 30 days before the certificate expires.
              </li>
            </ul>
          </li>
          <li>
            Open API permissions, choose Add a permission, then Microsoft Graph, then <strong>Delegated permissions</strong>, and add:
            <Permissions names={APP_REGISTRATION_PERMISSIONS.delegated} />
          </li>
          <li>
            To book meeting rooms or read other mailboxes without signing in as them, add Microsoft Graph{" "}
            <strong>Application permissions</strong>:
            <Permissions names={APP_REGISTRATION_PERMISSIONS.application} />
            then choose <strong>Grant admin consent</strong> for your organisation. Application permissions reach every mailbox; ask
            your Exchange administrator to limit the app to the room and shared mailboxes it needs (RBAC for Applications in Exchange
            Online). <code>Place.Read.All</code> lets the hub list your buildings (room lists) and rooms, with their capacity,
            accessibility and equipment, when you add rooms; Microsoft offers it in the global cloud only. Without it, add rooms by
            their address.
          </li>
          <li>Back on this page, choose the Azure AD version, the tenant and the cloud, and save. Then choose Connect account.</li>
        </ol>
      </details>
      <details className="mb-4 border-l-4 border-line pl-4">
        <summary className="hub-focus-text cursor-pointer py-1 font-bold text-brand underline">Azure AD v2.0 (recommended)</summary>
        <div className="mt-3 max-w-3xl space-y-3">
          <p>
            The hub signs in through <code>/oauth2/v2.0/authorize</code> and asks for the Microsoft Graph permissions it needs as scopes.
            Users who may consent for themselves are asked at their first sign-in; otherwise grant admin consent first.
          </p>
          <p>
            It does not ask for <code>Place.Read.All</code> at sign-in: that permission needs an administrator&rsquo;s consent, and
            asking for it would stop staff from connecting. The hub reads the room directory with the application permission instead.
          </p>
          <p>Azure AD v2.0 is the only version that can connect personal Microsoft accounts (tenant common or consumers).</p>
        </div>
      </details>
      <details className="mb-4 border-l-4 border-line pl-4">
        <summary className="hub-focus-text cursor-pointer py-1 font-bold text-brand underline">Azure AD (v1.0)</summary>
        <div className="mt-3 max-w-3xl space-y-3">
          <p>
            The hub signs in through <code>/oauth2/authorize</code> with the resource <code>{CLOUDS[cloud].graphUrl}</code> (Microsoft
            Graph). Permissions are not requested at sign-in: every delegated permission above must be added to the app registration,
            and consented by the user at first sign-in or by an administrator for the whole organisation.
          </p>
          <p>
            Older guides add &ldquo;Office 365 Exchange Online&rdquo; permissions for the Outlook REST API. That API was switched off in
            March 2024: add the Microsoft Graph permissions instead.
          </p>
          <p>Azure AD (v1.0) works with work and school accounts only.</p>
        </div>
      </details>
      <details className="border-l-4 border-line pl-4">
        <summary className="hub-focus-text cursor-pointer py-1 font-bold text-brand underline">If Microsoft shows an error</summary>
        <dl className="mt-3 max-w-3xl space-y-3">
          <div>
            <dt className="font-bold">AADSTS50011: the redirect URI does not match</dt>
            <dd>
              Add <code className="break-all">{uri}</code> as a Web redirect URI in the app registration, exactly as shown, and try again.
            </dd>
          </div>
          <div>
            <dt className="font-bold">AADSTS50194: the application is not configured as a multi-tenant application</dt>
            <dd>The app registration is single tenant. Enter its Directory (tenant) ID in Tenant instead of organizations or common.</dd>
          </div>
          <div>
            <dt className="font-bold">AADSTS90002: tenant not found</dt>
            <dd>
              Microsoft does not know the tenant entered in Tenant. Copy the Directory (tenant) ID from the app registration&apos;s
              Overview page, and check that Cloud is the one the tenant lives in.
            </dd>
          </div>
          <div>
            <dt className="font-bold">AADSTS700016: application not found in the directory</dt>
            <dd>Check the Client ID, and that the Tenant and Cloud are the ones the app is registered in.</dd>
          </div>
          <div>
            <dt className="font-bold">AADSTS7000215: invalid client secret</dt>
            <dd>
              Enter the secret&rsquo;s Value, not its Secret ID. Where client secrets are forbidden, the app has none that works: choose A
              certificate under Credential instead.
            </dd>
          </div>
          <div>
            <dt className="font-bold">AADSTS700027: the certificate is not registered on the application</dt>
            <dd>
              Upload the certificate downloaded from this page under Certificates &amp; secrets, Certificates in the app registration, and
              check that the Thumbprint Entra lists is the one shown here (an expired certificate there gives the same error).
            </dd>
          </div>
          <div>
            <dt className="font-bold">AADSTS65001 or AADSTS65004: consent</dt>
            <dd>
              The account has not agreed to the permissions. Grant admin consent in API permissions, or ask the user to accept the
              permissions when they connect.
            </dd>
          </div>
        </dl>
      </details>
    </section>
  );
}
