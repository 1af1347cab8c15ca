import type {
  CalendarShareSpec,
  ControlCalendar,
  EventChanges,
  ExpireDeltaTokens,
  ControlShare,
  EventSeed,
  MailboxEvent,
  NewCalendar,
  OnlineMeetingProviders,
} from "./control-calendar-types";
import type { DelegateAnswerResult } from "./control-rooms";
import type {
  ControlDelivery,
  ControlSubscription,
  DeliveryMode,
  LifecycleEventName,
  NotificationSettings,
  NotificationSettingsChanges,
} from "./control-subscription-types";
import type { CalendarProcessing, CalendarProcessingChanges, DelegateAnswer } from "./resource-booking/calendar-processing";
import type {
  AppSettings,
  ControlMailbox,
  EmulatorConfig,
  UploadedCertificate,
  EmulatorSettings,
  FaultSpec,
  LoggedRequest,
  NewMailbox,
  NextAdminConsent,
  NextSignIn,
  RevokeOptions,
  UserTokens,
} from "./control-types";
import type { ControlPlaces, ControlRoom, ControlRoomList, NewRoom, NewRoomList, RoomUpdate } from "./control-place-types";
import type { App } from "./directory";

export type { AppSettings, ControlMailbox, EmulatorConfig, EmulatorSettings, FaultSpec, LoggedRequest, NewMailbox, NextAdminConsent, NextSignIn };
export type { RevokeOptions, UploadedCertificate, UserTokens };
export type { CalendarShareSpec, ControlCalendar, ControlShare, EventSeed, MailboxEvent, NewCalendar, OnlineMeetingProviders };
export type { EventChanges, ExpireDeltaTokens };
export type { CalendarProcessing, CalendarProcessingChanges, DelegateAnswer, DelegateAnswerResult };
export type { ControlDelivery, ControlSubscription, DeliveryMode, LifecycleEventName, NotificationSettings, NotificationSettingsChanges };
export type { ControlPlaces, ControlRoom, ControlRoomList, NewRoom, NewRoomList, RoomUpdate };

/**
 * A typed client for the emulator's control API. It uses the global fetch, so the process must trust the emulator's
 * certificate: start it with NODE_EXTRA_CA_CERTS=<certFile>.
 */
export class EmulatorControl {
  private readonly base: string;

  /** `origin` as printed by the CLI, e.g. "https://localhost:8443". */
  constructor(origin: string) {
    this.base = `${origin.replace(/\/+$/, "")}/_emulator`;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text === "" ? undefined : JSON.parse(text);
    if (!response.ok) {
      const message = (parsed as { error?: string } | undefined)?.error ?? text;
      throw new Error(`Emulator control ${method} ${path} failed (${response.status}): ${message}`);
    }
    return parsed as T;
  }

  health(): Promise<{ status: "ok" }> {
    return this.call("GET", "/health");
  }

  /** Restores the seeded directory and forgets codes, tokens, faults, requests and armed sign-ins. */
  reset(): Promise<{ reset: true }> {
    return this.call("POST", "/reset");
  }

  /** Merges settings into a seeded app (secrets and lists are replaced, not appended). */
  updateApp(clientId: string, settings: AppSettings): Promise<App> {
    return this.call("PUT", `/apps/${encodeURIComponent(clientId)}`, settings);
  }

  /** Uploads a certificate (PEM, public part) to the app, as an admin does under Certificates & secrets in Entra. */
  uploadCertificate(clientId: string, certificate: string): Promise<UploadedCertificate> {
    return this.call("POST", `/apps/${encodeURIComponent(clientId)}/certificates`, { certificate });
  }

  /** Removes every certificate uploaded to the app. */
  removeCertificates(clientId: string): Promise<{ removed: number }> {
    return this.call("DELETE", `/apps/${encodeURIComponent(clientId)}/certificates`);
  }

  /**
   * Puts the app under an app management policy that forbids client secrets (passwordAddition): its secrets are gone
   * and none can be added; a client_secret sent to the token endpoint is refused (AADSTS7000215).
   */
  forbidSecrets(clientId: string): Promise<{ secretsForbidden: true; removedSecrets: number }> {
    return this.call("POST", `/apps/${encodeURIComponent(clientId)}/forbid-secrets`, {});
  }

  /** The next authorize request completes as this user (or declines) without the account picker. */
  nextSignIn(choice: NextSignIn): Promise<{ armed: NextSignIn }> {
    return this.call("POST", "/next-sign-in", choice);
  }

  /** The next admin-consent request is accepted or cancelled without the consent page. */
  nextAdminConsent(choice: NextAdminConsent): Promise<{ armed: NextAdminConsent }> {
    return this.call("POST", "/next-admin-consent", choice);
  }

  /** Every refresh token issued so far for the user fails: revoked → AADSTS50173, inactive → 700082, consent → 65001. */
  revokeUser(email: string, reason: RevokeOptions["reason"] = "revoked"): Promise<{ revoked: number; reason: string }> {
    return this.call("POST", `/users/${encodeURIComponent(email)}/revoke`, { reason });
  }

  /**
   * Adds a mailbox to the tenant of its address's domain, with a default calendar "Calendar". Rooms and shared
   * mailboxes cannot sign in. The seed (and a reset) does not have it.
   */
  addMailbox(mailbox: NewMailbox): Promise<ControlMailbox> {
    return this.call("POST", "/mailboxes", mailbox);
  }

  /** Everything the room directory holds (the Places API's rooms and room lists), hidden rooms included. */
  places(): Promise<ControlPlaces> {
    return this.call("GET", "/places");
  }

  /** Adds a room list (a building) to the tenant of its address's domain. */
  addRoomList(roomList: NewRoomList): Promise<ControlRoomList> {
    return this.call("POST", "/places/room-lists", roomList);
  }

  /**
   * Adds a room: a new room mailbox with a default calendar (as addMailbox), its place properties, and optionally
   * its room list. Rooms cannot sign in; reach their calendars with application access.
   */
  addRoom(room: NewRoom): Promise<ControlRoom> {
    return this.call("POST", "/places/rooms", room);
  }

  /**
   * Changes any room mailbox's place properties: `hiddenFromAddressLists: true` hides it from the Places API,
   * `roomList` moves it (null: into no list). Its place id changes, as Microsoft says it may.
   */
  updateRoom(email: string, changes: RoomUpdate): Promise<ControlRoom> {
    return this.call("PATCH", `/places/rooms/${encodeURIComponent(email)}`, changes);
  }

  /** Deletes a room mailbox: it leaves the directory, its room lists and the Places API; its calendar goes too. */
  removeRoom(email: string): Promise<{ removed: string }> {
    return this.call("DELETE", `/places/rooms/${encodeURIComponent(email)}`);
  }

  /** The user's current access tokens expire now (Graph answers 401). */
  expireAccessTokens(email: string): Promise<{ expired: number }> {
    return this.call("POST", `/users/${encodeURIComponent(email)}/expire-access-tokens`, {});
  }

  /** Changes the given settings (token lifetime, mailbox concurrency limit, calendarView page cap); answers all of them. */
  setConfig(config: EmulatorConfig): Promise<EmulatorSettings> {
    return this.call("POST", "/config", config);
  }

  /** The next `times` (default 1) matching requests get the canned response, or are only delayed. */
  addFault(fault: FaultSpec): Promise<{ added: true }> {
    return this.call("POST", "/faults", fault);
  }

  clearFaults(): Promise<{ cleared: true }> {
    return this.call("DELETE", "/faults");
  }

  /** Login and Graph requests received, in order. */
  requests(): Promise<LoggedRequest[]> {
    return this.call("GET", "/requests");
  }

  clearRequests(): Promise<{ cleared: true }> {
    return this.call("DELETE", "/requests");
  }

  /** The user's refresh and access tokens, in issue order. */
  tokens(email: string): Promise<UserTokens> {
    return this.call("GET", `/tokens?email=${encodeURIComponent(email)}`);
  }

  /** Replaces every event of one calendar of the mailbox (default: its default calendar); answers the created events. */
  setMailboxEvents(email: string, events: EventSeed[], options: { calendar?: string } = {}): Promise<MailboxEvent[]> {
    return this.call("PUT", `/mailboxes/${encodeURIComponent(email)}/events`, { ...options, events });
  }

  /** Adds events to one calendar of the mailbox (default: its default calendar). */
  addMailboxEvents(email: string, events: EventSeed[], options: { calendar?: string } = {}): Promise<MailboxEvent[]> {
    return this.call("POST", `/mailboxes/${encodeURIComponent(email)}/events`, { ...options, events });
  }

  /**
   * The mailbox's owner changes one of its events (a stored event, or an occurrence by its id, which becomes an
   * exception), as in Outlook: moves it (start/end), renames or cancels it. Delta and change notifications see it.
   */
  changeMailboxEvent(email: string, eventId: string, changes: EventChanges): Promise<MailboxEvent> {
    return this.call("PATCH", `/mailboxes/${encodeURIComponent(email)}/events/${encodeURIComponent(eventId)}`, changes);
  }

  /** The mailbox's owner deletes one event (an occurrence by its id leaves its series), as in Outlook. */
  deleteMailboxEvent(email: string, eventId: string): Promise<{ deleted: string }> {
    return this.call("DELETE", `/mailboxes/${encodeURIComponent(email)}/events/${encodeURIComponent(eventId)}`);
  }

  /**
   * Exchange drops calendarView delta sync state (every mailbox's, or one's): a client following a deltaLink or
   * nextLink issued before gets 410 Gone, SyncStateNotFound, and must sync in full again.
   */
  expireDeltaTokens(options: ExpireDeltaTokens = {}): Promise<{ expired: number }> {
    return this.call("POST", "/delta-tokens/expire", options);
  }

  /** Every stored event of the mailbox, all calendars, with UTC instants (series as masters, not occurrences). */
  mailboxEvents(email: string): Promise<MailboxEvent[]> {
    return this.call("GET", `/mailboxes/${encodeURIComponent(email)}/events`);
  }

  mailboxCalendars(email: string): Promise<ControlCalendar[]> {
    return this.call("GET", `/mailboxes/${encodeURIComponent(email)}/calendars`);
  }

  createCalendar(email: string, calendar: NewCalendar): Promise<ControlCalendar> {
    return this.call("POST", `/mailboxes/${encodeURIComponent(email)}/calendars`, calendar);
  }

  /**
   * Which online meeting providers the mailbox's calendars allow (`calendar`: only that one), e.g. `[]` for a
   * mailbox without Teams: an event asking for a Teams meeting there is created without one.
   */
  setOnlineMeetingProviders(email: string, providers: OnlineMeetingProviders): Promise<ControlCalendar[]> {
    return this.call("PUT", `/mailboxes/${encodeURIComponent(email)}/online-meeting-providers`, providers);
  }

  /** A room's calendar processing (Get-CalendarProcessing): Exchange Online's defaults until changed. */
  calendarProcessing(email: string): Promise<CalendarProcessing> {
    return this.call("GET", `/rooms/${encodeURIComponent(email)}/calendar-processing`);
  }

  /** Changes the given settings of a room's calendar processing (Set-CalendarProcessing); answers all of them. */
  setCalendarProcessing(email: string, changes: CalendarProcessingChanges): Promise<CalendarProcessing> {
    return this.call("PUT", `/rooms/${encodeURIComponent(email)}/calendar-processing`, changes);
  }

  /**
   * A delegate of the room answers the request for the meeting with this iCalUId (an AutoUpdate room's requests wait
   * for one): the room's calendar and the organizer's event show the answer at once.
   */
  answerAsRoomDelegate(email: string, answer: DelegateAnswer): Promise<DelegateAnswerResult> {
    return this.call("POST", `/rooms/${encodeURIComponent(email)}/answer`, answer);
  }

  /** Shares a calendar with another user of the tenant (or changes the share's edit right). */
  shareCalendar(share: CalendarShareSpec): Promise<ControlShare> {
    return this.call("POST", "/shares", share);
  }

  /** Every change-notification subscription, expired ones included (Graph no longer shows those). */
  subscriptions(): Promise<ControlSubscription[]> {
    return this.call("GET", "/subscriptions");
  }

  /** Moves a subscription's expiry (into the past: it expires now, delivers nothing, and renewing it is 404). */
  setSubscriptionExpiry(id: string, expirationDateTime: string): Promise<ControlSubscription> {
    return this.call("PUT", `/subscriptions/${encodeURIComponent(id)}/expiry`, { expirationDateTime });
  }

  /**
   * Posts a lifecycle notification to the subscription's lifecycleNotificationUrl and answers that first attempt
   * (retries go on in the background). reauthorizationRequired stays pending until /reauthorize or a renewal;
   * subscriptionRemoved also deletes the subscription; missed only tells (pair it with "drop").
   */
  sendLifecycleEvent(id: string, lifecycleEvent: LifecycleEventName): Promise<ControlDelivery> {
    return this.call("POST", `/subscriptions/${encodeURIComponent(id)}/lifecycle`, { lifecycleEvent });
  }

  /**
   * What happens to the subscription's change notifications from now: "deliver" (the default; after "pause", the
   * held ones go out), "pause" (held), "drop" (lost, as Microsoft loses them before a "missed").
   */
  setSubscriptionDelivery(id: string, mode: DeliveryMode): Promise<ControlSubscription> {
    return this.call("PUT", `/subscriptions/${encodeURIComponent(id)}/delivery`, { mode });
  }

  /** The delay before change notifications go out (default 200 ms) and the first retry's wait (default 1000 ms). */
  setNotificationSettings(settings: NotificationSettingsChanges): Promise<NotificationSettings> {
    return this.call("PUT", "/notifications", settings);
  }

  /** Every POST made to subscribers (validation, change and lifecycle notifications), with status and ackMs, in order. */
  deliveries(): Promise<ControlDelivery[]> {
    return this.call("GET", "/deliveries");
  }

  clearDeliveries(): Promise<{ cleared: true }> {
    return this.call("DELETE", "/deliveries");
  }

  /** The highest number of concurrent Graph requests seen per mailbox (throttled ones included). */
  concurrency(): Promise<Record<string, number>> {
    return this.call("GET", "/concurrency");
  }

  clearConcurrency(): Promise<{ cleared: true }> {
    return this.call("DELETE", "/concurrency");
  }
}
