import { PERSONAL_TENANT_ID, type App, type Directory, type Tenant, type User } from "../directory";
import { AADSTS, type AadstsError } from "../errors";
import type { AzureAdVersion } from "../tokens";

/**
 * The {tenant} segment of a login URL and who may sign in through it
 * (https://learn.microsoft.com/entra/identity-platform/v2-protocols#endpoints).
 */
export type TenantSegment =
  | { kind: "common" }
  | { kind: "organizations" }
  | { kind: "consumers" }
  | { kind: "tenant"; tenant: Tenant };

export function parseTenantSegment(directory: Directory, segment: string): TenantSegment | undefined {
  const lower = segment.toLowerCase();
  if (lower === "common" || lower === "organizations" || lower === "consumers") return { kind: lower };
  const tenant = directory.tenantByIdOrDomain(lower);
  return tenant ? { kind: "tenant", tenant } : undefined;
}

/** /consumers and the personal-accounts tenant GUID both mean "Microsoft accounts". */
function isPersonal(segment: TenantSegment): boolean {
  return segment.kind === "consumers" || (segment.kind === "tenant" && segment.tenant.id === PERSONAL_TENANT_ID);
}

function acceptsWorkAccounts(app: App): boolean {
  return app.signInAudience !== "PersonalMicrosoftAccount";
}

function acceptsPersonalAccounts(app: App, version: AzureAdVersion): boolean {
  // The v1.0 endpoint never issues tokens for Microsoft accounts.
  return (
    version === "v2" &&
    (app.signInAudience === "AzureADandPersonalMicrosoftAccount" || app.signInAudience === "PersonalMicrosoftAccount")
  );
}

/**
 * Whether `app` may be used through this tenant segment and endpoint version at all, before anyone signs in.
 * Single-tenant apps refuse /common and /organizations with AADSTS50194; apps without Microsoft-account support are
 * "not found in the directory 'Microsoft Accounts'".
 */
export function checkAudience(directory: Directory, app: App, segment: TenantSegment, version: AzureAdVersion): AadstsError | null {
  if (version === "v1" && isPersonal(segment)) return AADSTS.v1PersonalAccount();
  if (isPersonal(segment)) {
    return acceptsPersonalAccounts(app, version)
      ? null
      : AADSTS.appNotFound(app.clientId, directory.tenant(PERSONAL_TENANT_ID).displayName);
  }
  if (app.signInAudience === "PersonalMicrosoftAccount") {
    return segment.kind === "common" && version === "v2" ? null : AADSTS.personalAccountsOnly(app.clientId, app.displayName);
  }
  if (app.signInAudience === "AzureADMyOrg") {
    if (segment.kind === "common" || segment.kind === "organizations") {
      return AADSTS.notMultiTenant(app.clientId, app.displayName);
    }
    if (segment.kind === "tenant" && segment.tenant.id !== app.homeTenantId) {
      return AADSTS.appNotFound(app.clientId, segment.tenant.displayName);
    }
  }
  return null;
}

/** The accounts the account picker offers: people only (room and shared mailboxes cannot sign in). */
export function eligibleUsers(directory: Directory, app: App, segment: TenantSegment, version: AzureAdVersion): User[] {
  const people = directory.users.filter((user) => user.mailbox === "user");
  const work = (user: User) => user.tenantId !== PERSONAL_TENANT_ID && acceptsWorkAccounts(app);
  const personal = (user: User) => user.tenantId === PERSONAL_TENANT_ID && acceptsPersonalAccounts(app, version);
  switch (segment.kind) {
    case "common":
      return people.filter((user) => work(user) || personal(user));
    case "organizations":
      return people.filter(work);
    case "consumers":
      return people.filter(personal);
    case "tenant":
      return people.filter((user) => user.tenantId === segment.tenant.id && (work(user) || personal(user)));
  }
}

/** The user `email` names, or why they cannot complete this sign-in (unknown, a mailbox nobody signs in as, wrong tenant). */
export function checkUserMaySignIn(
  directory: Directory,
  app: App,
  segment: TenantSegment,
  eligibleUserIds: string[],
  email: string,
): { user: User } | { error: AadstsError } {
  const user = directory.userByEmail(email);
  const segmentName = segment.kind === "tenant" ? segment.tenant.displayName : segment.kind;
  if (!user) return { error: AADSTS.userNotFound(email, segmentName) };
  if (user.mailbox !== "user") return { error: AADSTS.userDisabled() };
  if (!eligibleUserIds.includes(user.id)) {
    const idp = user.tenantId === PERSONAL_TENANT_ID ? "live.com" : `https://sts.windows.net/${user.tenantId}/`;
    return { error: AADSTS.userNotInTenant(user.userPrincipalName, idp, segmentName, app.clientId, app.displayName) };
  }
  return { user };
}
