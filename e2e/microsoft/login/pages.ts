import type { App, Tenant, User } from "../directory";
import { type AadstsError, type TraceInfo } from "../errors";
import { escapeHtml } from "../http";

/** Microsoft's sign-in pages, reduced to what a browser journey needs: headings, messages and buttons. */

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; margin: 0; }
  main { background: #fff; max-width: 440px; margin: 48px auto; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 24px; font-weight: 600; margin: 0 0 16px; }
  button { display: block; width: 100%; margin: 8px 0; padding: 10px; font-size: 15px; cursor: pointer; }
  .primary { background: #0067b8; color: #fff; border: 1px solid #0067b8; }
  .error { color: #a80000; overflow-wrap: anywhere; }
  dl { font-size: 13px; color: #444; }
  dt { font-weight: 600; }
</style>
</head>
<body><main>
<p>Microsoft (emulator)</p>
${body}
</main></body>
</html>`;
}

/** Errors Microsoft shows on its own page instead of redirecting (bad client, redirect URI or tenant). */
export function errorPage(error: AadstsError, trace: TraceInfo): string {
  return layout(
    "Sign in to your account",
    `<h1>Sign in</h1>
<p>Sorry, but we’re having trouble signing you in.</p>
<p class="error" id="error-message">AADSTS${error.code}: ${escapeHtml(error.message)}</p>
<dl>
  <dt>Request Id</dt><dd>${trace.traceId}</dd>
  <dt>Correlation Id</dt><dd>${trace.correlationId}</dd>
  <dt>Timestamp</dt><dd>${trace.timestamp.replace(" ", "T")}</dd>
  <dt>Message</dt><dd>AADSTS${error.code}: ${escapeHtml(error.message)}</dd>
</dl>`,
  );
}

/** A plain explanation for requests the emulator does not implement. */
export function notSupportedPage(message: string): string {
  return layout("Not supported by the emulator", `<h1>Not supported by the emulator</h1><p class="error">${escapeHtml(message)}</p>`);
}

export function accountPickerPage(app: App, users: User[], pendingId: string, action: string): string {
  const buttons = users
    .map(
      (user) =>
        `<button type="submit" name="email" value="${escapeHtml(user.userPrincipalName)}">Sign in as ${escapeHtml(user.userPrincipalName)}</button>`,
    )
    .join("\n");
  const empty = users.length === 0 ? "<p>No account can sign in to this application here.</p>" : "";
  return layout(
    "Sign in to your account",
    `<h1>Pick an account</h1>
<p>to continue to ${escapeHtml(app.displayName)}</p>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="pending" value="${escapeHtml(pendingId)}">
${empty}${buttons}
<button type="submit" name="decline" value="true">Decline</button>
</form>`,
  );
}

export function adminConsentPage(app: App, tenants: Tenant[], permissions: string[], pendingId: string, action: string): string {
  const tenantChoice =
    tenants.length === 1
      ? `<input type="hidden" name="tenant" value="${escapeHtml(tenants[0]!.id)}"><p>Organisation: ${escapeHtml(tenants[0]!.displayName)}</p>`
      : `<label>Consent on behalf of <select name="tenant">${tenants
          .map((tenant) => `<option value="${escapeHtml(tenant.id)}">${escapeHtml(tenant.displayName)}</option>`)
          .join("")}</select></label>`;
  return layout(
    "Permissions requested",
    `<h1>Permissions requested</h1>
<p>${escapeHtml(app.displayName)} needs permission to access resources in your organisation that only an admin can grant.</p>
<ul>${permissions.map((permission) => `<li>${escapeHtml(permission)}</li>`).join("")}</ul>
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="pending" value="${escapeHtml(pendingId)}">
${tenantChoice}
<button class="primary" type="submit" name="accept" value="true">Accept</button>
<button type="submit" name="accept" value="false">Cancel</button>
</form>`,
  );
}

/** The page behind every error_uri (…/error?code=70008). */
export function errorLookupPage(code: string): string {
  return layout(
    `Error ${code}`,
    `<h1>AADSTS${escapeHtml(code)}</h1><p>See https://learn.microsoft.com/entra/identity-platform/reference-error-codes.</p>`,
  );
}
