import { APPS } from "../../e2e/microsoft/directory";
import type { EmulatorControl } from "../../e2e/microsoft/control-client";
import { createUser } from "../../lib/auth/users";
import type { SessionUser } from "../../lib/auth/session";
import { db } from "../../lib/db";
import { startAuthorization } from "../../lib/integrations/office365/authorize";
import { completeAuthorization, type CallbackOutcome } from "../../lib/integrations/office365/callback";
import { saveSettings } from "../../lib/integrations/office365/settings";

/** Test data for Office 365 unit tests: an admin, the emulator's app as settings, and connecting without a browser. */
export async function resetOffice365Data(): Promise<SessionUser> {
  await db.oAuthState.deleteMany();
  await db.accountToken.deleteMany();
  await db.connectedAccount.deleteMany();
  await db.office365Settings.deleteMany();
  await db.auditEvent.deleteMany();
  await db.user.deleteMany();
  const admin = await createUser({ email: "admin@example.gov.uk", password: "unit test passphrase", role: "admin" });
  return { ...admin };
}

export async function configure(admin: SessionUser, overrides: Record<string, string> = {}) {
  const result = await saveSettings(admin, {
    clientId: APPS.multi.clientId,
    clientSecret: APPS.multi.secret,
    azureAdVersion: "v2",
    tenant: "organizations",
    cloud: "global",
    clientSecretExpiresOn: "",
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
}

/** What the browser does: follow the authorize URL to the emulator, which answers with a redirect to our callback. */
export async function signInAtMicrosoft(authorizeUrl: string): Promise<URLSearchParams> {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`The emulator did not redirect (${response.status}): ${await response.text()}`);
  return new URL(location).searchParams;
}

export async function connect(control: EmulatorControl, admin: SessionUser, email: string, options: { reconnectAccountId?: string } = {}): Promise<CallbackOutcome> {
  await control.nextSignIn({ email });
  const query = await signInAtMicrosoft(await startAuthorization(admin, options));
  return completeAuthorization(admin, query);
}
