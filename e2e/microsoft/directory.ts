/**
 * The emulator's Microsoft Entra directory: tenants, app registrations and users, seeded identically at start and on
 * POST /_emulator/reset. Tests import the constants below instead of repeating ids, emails and secrets.
 */

/** Microsoft Graph as a v1.0 `resource` and as the prefix of v2.0 scopes. */
export const GRAPH_RESOURCE = "https://graph.microsoft.com";
/** Microsoft Graph's well-known application id, accepted wherever the resource URI is. */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/** The tenant every personal Microsoft account belongs to (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference). */
export const PERSONAL_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export const TENANTS = {
  council: { id: "11111111-1111-4111-8111-111111111111", domain: "council.example", displayName: "Example Council" },
  partner: { id: "22222222-2222-4222-8222-222222222222", domain: "partner.example", displayName: "Partner Org" },
  personal: { id: PERSONAL_TENANT_ID, domain: "outlook.example", displayName: "Microsoft Accounts" },
} as const;

/**
 * The delegated Graph permissions both seeded apps are granted (the README's list). Place.Read.All (the room
 * directory) is among them, delegated and application; tests take it away with updateApp.
 */
export const SEED_DELEGATED_PERMISSIONS = [
  "User.Read",
  "Calendars.Read",
  "Calendars.ReadWrite",
  "Calendars.Read.Shared",
  "Calendars.ReadWrite.Shared",
  "Place.Read.All",
  "offline_access",
  "openid",
  "profile",
  "email",
] as const;
export const SEED_APPLICATION_PERMISSIONS = ["Calendars.Read", "Calendars.ReadWrite", "Place.Read.All"] as const;

export const APPS = {
  multi: {
    clientId: "6731de76-14a6-49ae-97bc-6eba6914391e",
    displayName: "Integrations Hub (multi-tenant)",
    secret: "Emu8Q~multi-tenant-secret-value-000000000000",
    secretId: "0b5b6d1c-4f87-4b6b-9d0e-3c7a1f2e9a10",
  },
  single: {
    clientId: "5f0b3c9e-2d41-4a7e-9c55-0e8d6b1a2c3f",
    displayName: "Integrations Hub (single tenant)",
    secret: "Emu8Q~single-tenant-secret-value-00000000000",
    secretId: "7d2e4a90-5c1b-4f3e-8a6d-2b9c0e1f3a47",
  },
} as const;

/** The default app: multi-tenant, home tenant Example Council. */
export const DEFAULT_APP = APPS.multi;
export const MULTI_TENANT_APP = APPS.multi;
export const SINGLE_TENANT_APP = APPS.single;

export const USERS = {
  alice: { id: "a11ce000-0000-4a00-8000-00000000a1ce", email: "alice.admin@council.example", displayName: "Alice Admin" },
  bob: { id: "b0b00000-0000-4b00-8000-000000000b0b", email: "bob.bookings@council.example", displayName: "Bob Bookings" },
  room: {
    id: "c0c0c0c0-0000-4c00-8000-0000000c0c0c",
    email: "room.council-chamber@council.example",
    displayName: "Council Chamber",
  },
  events: { id: "e7e7e7e7-0000-4e00-8000-0000000e7e7e", email: "events.team@council.example", displayName: "Events Team" },
  carol: { id: "ca201000-0000-4c00-8000-000000ca2010", email: "carol@partner.example", displayName: "Carol Partner" },
  // Personal accounts' object ids start with 16 zero digits.
  dave: { id: "00000000-0000-0000-4e8a-0c1f7d5b3e29", email: "dave@outlook.example", displayName: "Dave Personal" },
} as const;

/** https://learn.microsoft.com/entra/identity-platform/supported-accounts-validation */
export type SignInAudience =
  | "AzureADMyOrg"
  | "AzureADMultipleOrgs"
  | "AzureADandPersonalMicrosoftAccount"
  | "PersonalMicrosoftAccount";

export interface Tenant {
  id: string;
  domain: string;
  displayName: string;
  kind: "work" | "personal";
}

export interface AppSecret {
  value: string;
  id: string;
  expired: boolean;
}

/**
 * A certificate uploaded under Certificates & secrets (the app's keyCredentials), with what Entra shows for it:
 * the SHA-1 thumbprint and the validity dates. `x5tS256` is how a client assertion names it.
 */
export interface AppCertificate {
  keyId: string;
  pem: string;
  thumbprint: string;
  x5tS256: string;
  startDateTime: string;
  endDateTime: string;
}

export interface App {
  clientId: string;
  displayName: string;
  homeTenantId: string;
  signInAudience: SignInAudience;
  secrets: AppSecret[];
  certificates: AppCertificate[];
  /**
   * An app management policy restricts password addition for this app (restrictionType passwordAddition): it has no
   * client secrets and none can be added. Entra applies such policies when credentials are added, not at sign-in, so a
   * secret sent to the token endpoint is simply one the app does not have (AADSTS7000215).
   */
  secretsForbidden: boolean;
  redirectUris: string[];
  delegatedPermissions: string[];
  applicationPermissions: string[];
  adminConsentedTenants: string[];
  /**
   * Tenants where the app has a service principal (an enterprise application): its home tenant, and every tenant
   * where a user or an administrator consented to it. Elsewhere Microsoft does not know the app (AADSTS700016).
   */
  servicePrincipalTenants: string[];
}

/** Room and shared mailboxes are users in the directory, but nobody signs in as them. */
export type MailboxKind = "user" | "room" | "shared";

export interface User {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  mailbox: MailboxKind;
  jobTitle: string | null;
}

export class Directory {
  constructor(
    readonly tenants: Tenant[],
    readonly apps: App[],
    readonly users: User[],
  ) {}

  tenantByIdOrDomain(value: string): Tenant | undefined {
    const wanted = value.toLowerCase();
    return this.tenants.find((tenant) => tenant.id === wanted || tenant.domain === wanted);
  }

  tenant(id: string): Tenant {
    const tenant = this.tenants.find((candidate) => candidate.id === id);
    if (!tenant) throw new Error(`Unknown tenant ${id}`);
    return tenant;
  }

  workTenants(): Tenant[] {
    return this.tenants.filter((tenant) => tenant.kind === "work");
  }

  app(clientId: string): App | undefined {
    const wanted = clientId.toLowerCase();
    return this.apps.find((app) => app.clientId === wanted);
  }

  /** By user principal name or mail, case-insensitively. */
  userByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    return this.users.find((user) => user.userPrincipalName === wanted || user.mail?.toLowerCase() === wanted);
  }

  /** Graph's /users/{id | userPrincipalName}. */
  userByIdOrPrincipalName(value: string): User | undefined {
    const wanted = value.toLowerCase();
    return this.users.find((user) => user.id === wanted || user.userPrincipalName === wanted);
  }

  userById(id: string): User {
    const user = this.users.find((candidate) => candidate.id === id);
    if (!user) throw new Error(`Unknown user ${id}`);
    return user;
  }
}

function seedUser(
  seed: { id: string; email: string; displayName: string },
  tenantId: string,
  extra: Partial<Omit<User, "id" | "tenantId" | "userPrincipalName" | "displayName">> = {},
): User {
  const [givenName = null, surname = null] = seed.displayName.split(" ");
  return {
    id: seed.id,
    tenantId,
    userPrincipalName: seed.email,
    displayName: seed.displayName,
    givenName,
    surname,
    mail: seed.email,
    mailbox: "user",
    jobTitle: null,
    ...extra,
  };
}

function seedApp(seed: (typeof APPS)[keyof typeof APPS], signInAudience: SignInAudience, redirectUris: string[]): App {
  return {
    clientId: seed.clientId,
    displayName: seed.displayName,
    homeTenantId: TENANTS.council.id,
    signInAudience,
    secrets: [{ value: seed.secret, id: seed.secretId, expired: false }],
    certificates: [],
    secretsForbidden: false,
    redirectUris: [...redirectUris],
    delegatedPermissions: [...SEED_DELEGATED_PERMISSIONS],
    applicationPermissions: [...SEED_APPLICATION_PERMISSIONS],
    adminConsentedTenants: [],
    servicePrincipalTenants: [TENANTS.council.id],
  };
}

/** A fresh copy of the seed; `redirectUris` are registered on every app. */
export function seedDirectory(redirectUris: string[]): Directory {
  const council = TENANTS.council.id;
  return new Directory(
    [
      { ...TENANTS.council, kind: "work" },
      { ...TENANTS.partner, kind: "work" },
      { ...TENANTS.personal, kind: "personal" },
    ],
    [seedApp(APPS.multi, "AzureADMultipleOrgs", redirectUris), seedApp(APPS.single, "AzureADMyOrg", redirectUris)],
    [
      seedUser(USERS.alice, council),
      // Many real accounts have no Exchange mailbox address: Graph returns mail: null.
      seedUser(USERS.bob, council, { mail: null }),
      seedUser(USERS.room, council, { mailbox: "room", givenName: null, surname: null }),
      seedUser(USERS.events, council, { mailbox: "shared", givenName: null, surname: null }),
      seedUser(USERS.carol, TENANTS.partner.id),
      seedUser(USERS.dave, TENANTS.personal.id),
    ],
  );
}
