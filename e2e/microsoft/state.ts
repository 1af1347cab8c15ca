import { seedCalendars } from "./calendars/seed";
import type { CalendarStore } from "./calendars/store";
import type { EmulatorSettings, NextAdminConsent, NextSignIn } from "./control-types";
import { seedDirectory, type Directory } from "./directory";
import { FaultInjector } from "./faults";
import { DeltaTokens } from "./graph/delta-tokens";
import { SpentAssertions } from "./login/client-assertion";
import { MailboxConcurrency } from "./mailbox-concurrency";
import type { PlaceStore } from "./places/model";
import { seedPlaces } from "./places/seed";
import { RequestLog } from "./request-log";
import { Subscriptions } from "./subscriptions/subscriptions";
import { ResourceBooking } from "./resource-booking/resource-booking";
import type { SigningKey } from "./signing-key";
import { TokenRegistry, type AzureAdVersion } from "./tokens";

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

/** Settings tests change through POST /_emulator/config; reset restores these. */
function defaultSettings(): EmulatorSettings {
  return { accessTokenLifetimeSeconds: DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS, mailboxConcurrencyLimit: 4, maxPageSize: 1000 };
}
/** Authorization codes live about 10 minutes (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow). */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** An authorize request that passed validation: what the code (or the account picker) needs to finish it. */
export interface AuthorizeRequest {
  version: AzureAdVersion;
  /** The tenant segment of the URL, as sent (common, organizations, consumers, a GUID or a domain). */
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  /** v2: the requested scopes, as sent. */
  scopes: string[];
  /** v1: the requested resource, when sent. */
  resource: string | undefined;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: "S256" | "plain" | undefined;
  /** Users who may sign in for this request (ids), in picker order. */
  eligibleUserIds: string[];
}

export interface AuthorizationCode extends AuthorizeRequest {
  value: string;
  userId: string;
  tenantId: string;
  expiresAt: Date;
  redeemed: boolean;
}

export interface AdminConsentRequest {
  version: AzureAdVersion;
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  scope: string | undefined;
  /** Tenants the admin may consent for: one for a tenant-specific URL, every work tenant for /organizations. */
  tenantIds: string[];
}

/** Everything the emulator remembers. `reset()` restores the seed; the signing key and redirect URIs survive. */
export class EmulatorState {
  directory: Directory;
  /** The room directory (Places API). Seeded before the calendars: its room mailboxes get calendars too. */
  places: PlaceStore;
  calendars: CalendarStore;
  /** Rooms answering invitations: their calendar processing settings and the answers still to come. */
  readonly resourceBooking = new ResourceBooking(this);
  /** calendarView delta's state tokens (server side; clients only hold their ids). */
  readonly deltaTokens = new DeltaTokens();
  /** Change-notification subscriptions and their deliveries; fed by the calendar store's journal. */
  readonly subscriptions = new Subscriptions();
  concurrency = new MailboxConcurrency();
  tokens = new TokenRegistry();
  readonly faults = new FaultInjector();
  readonly requests = new RequestLog();
  /** Client assertions already accepted (their jti), so a replay is refused. */
  readonly spentAssertions = new SpentAssertions();
  config: EmulatorSettings = defaultSettings();
  readonly codes = new Map<string, AuthorizationCode>();
  /** Authorize requests waiting on the account picker, by an id carried in the picker's form. */
  readonly pendingSignIns = new Map<string, AuthorizeRequest>();
  readonly pendingAdminConsents = new Map<string, AdminConsentRequest>();
  nextSignIn: NextSignIn | null = null;
  nextAdminConsent: NextAdminConsent | null = null;

  constructor(
    readonly redirectUris: string[],
    readonly signingKey: SigningKey,
  ) {
    this.directory = seedDirectory(redirectUris);
    this.places = seedPlaces(this.directory);
    this.calendars = seedCalendars(this.directory);
    this.notifyOnCalendarChanges();
  }

  /** Every write to an event, by any path, reaches the subscriptions watching its calendar. */
  private notifyOnCalendarChanges(): void {
    this.calendars.journal.onChange((change) => this.subscriptions.calendarChanged(change));
  }

  reset(): void {
    this.directory = seedDirectory(this.redirectUris);
    this.places = seedPlaces(this.directory);
    this.subscriptions.clear();
    this.calendars = seedCalendars(this.directory);
    this.notifyOnCalendarChanges();
    this.resourceBooking.reset();
    this.deltaTokens.clear();
    this.concurrency = new MailboxConcurrency();
    this.tokens = new TokenRegistry();
    this.faults.clear();
    this.requests.clear();
    this.spentAssertions.clear();
    this.config = defaultSettings();
    this.codes.clear();
    this.pendingSignIns.clear();
    this.pendingAdminConsents.clear();
    this.nextSignIn = null;
    this.nextAdminConsent = null;
  }

  /** Stops what runs on timers or sockets (deliveries to subscribers, rooms' late answers): the emulator is closing. */
  close(): void {
    this.subscriptions.clear();
    this.resourceBooking.reset();
  }
}
