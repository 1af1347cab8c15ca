/**
 * Graph change-notification subscriptions on Outlook events (https://learn.microsoft.com/graph/api/resources/subscription,
 * https://learn.microsoft.com/graph/outlook-change-notifications-overview) and what the emulator sends to the
 * subscriber: change notifications, lifecycle notifications and validation requests.
 */

export const EVENT_CHANGE_TYPES = ["created", "updated", "deleted"] as const;
export type ChangeType = (typeof EVENT_CHANGE_TYPES)[number];

/** "Outlook message, event, contact: 4230 minutes (under 3 days)" (subscription resource, maximum length table). */
export const MAX_EXPIRATION_MINUTES = 4230;
/** A shorter expiration is raised to this (the project's protocol notes). */
export const MIN_EXPIRATION_MINUTES = 45;
export const MAX_CLIENT_STATE_LENGTH = 128;

export const LIFECYCLE_EVENTS = ["reauthorizationRequired", "subscriptionRemoved", "missed"] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/** The emulator's own switch per subscription: deliver, hold until resumed, or lose its change notifications. */
export const DELIVERY_MODES = ["deliver", "pause", "drop"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface Subscription {
  id: string;
  /** As the creator wrote it ("me/events", "/users/{id}/calendars/{id}/events"). */
  resource: string;
  changeTypes: ChangeType[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: Date;
  applicationId: string;
  /** The signed-in user (delegated) or the app's service principal (app-only). */
  creatorId: string;
  tenantId: string;
  /** The watched mailbox (user id) and, for …/calendars/{id}/events, the calendar; null: every calendar of it. */
  mailboxId: string;
  calendarId: string | null;
  latestSupportedTlsVersion: string;
  /** A reauthorizationRequired was sent and neither /reauthorize nor a renewal has answered it. */
  reauthorizationRequired: boolean;
  delivery: DeliveryMode;
  /** Change notifications held while paused. */
  held: ChangeNotification[];
  /** Change notifications lost while dropping. */
  dropped: number;
}

/** One item of a changeNotificationCollection (https://learn.microsoft.com/graph/api/resources/changenotification). */
export interface ChangeNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  changeType: ChangeType;
  resource: string;
  resourceData: { "@odata.type": string; "@odata.id": string; "@odata.etag": string; id: string };
  clientState: string | null;
  tenantId: string;
}

export interface LifecycleNotification {
  subscriptionId: string;
  subscriptionExpirationDateTime: string;
  tenantId: string;
  clientState: string | null;
  lifecycleEvent: LifecycleEvent;
}

export type DeliveryKind = "notification" | "lifecycle" | "validation";

/** One POST the emulator made to a subscriber, as the control API lists it. */
export interface Delivery {
  subscriptionId: string;
  kind: DeliveryKind;
  url: string;
  /** The subscriber's status; null when it did not answer (timeout, refused connection). */
  status: number | null;
  /** How long the subscriber took to answer (or until the emulator gave up). */
  ackMs: number;
  /** When the POST was sent (ISO 8601). */
  at: string;
  /** 1 for the first try, then the retries. */
  attempt: number;
  /** Why it failed, when it did: "timeout", "HTTP 500", a connection error, a wrong validation answer. */
  error: string | null;
  /** The items posted (the value array); empty for validation requests. */
  value: (ChangeNotification | LifecycleNotification)[];
}

export function isExpired(subscription: Subscription, now = Date.now()): boolean {
  return subscription.expirationDateTime.getTime() <= now;
}
