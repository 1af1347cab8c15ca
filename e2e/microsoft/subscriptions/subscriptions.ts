import { createHash } from "node:crypto";
import type { CalendarChange } from "../calendars/change-journal";
import { guid } from "../http";
import { DEFAULT_DELIVERY_SETTINGS, NotificationDelivery } from "./delivery";
import { isExpired, type ChangeNotification, type ChangeType, type Delivery, type LifecycleEvent, type Subscription } from "./model";

/**
 * The emulator's subscriptions and what they deliver. The calendar store's journal calls calendarChanged() on every
 * write to an event, whoever made it (Graph, a room's answer, the control API), so every path notifies.
 * Subscriptions on …/events watch every calendar of the mailbox ("Changes to all events in a user's mailbox",
 * https://learn.microsoft.com/graph/outlook-change-notifications-overview); …/calendars/{id}/events one calendar.
 * An expired subscription delivers nothing and is gone for Graph, as Microsoft deletes it; the control API still lists it.
 */

export type NewSubscription = Omit<Subscription, "id" | "reauthorizationRequired" | "delivery" | "held" | "dropped">;

/** Graph's timestamps here carry seven fraction digits, as in Learn's examples ("2016-03-20T11:00:00.0000000Z"). */
export function graphDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}0000Z`;
}

/** A stable stand-in for the app's service-principal object id in a tenant (the emulator's directory has none). */
export function servicePrincipalId(clientId: string, tenantId: string): string {
  const hex = createHash("sha256").update(`service-principal:${clientId}:${tenantId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class Subscriptions {
  private readonly all = new Map<string, Subscription>();
  readonly delivery = new NotificationDelivery((id) => this.active(id));

  /** A new id, so the validation requests made before creation can be listed under it. */
  newId(): string {
    return guid();
  }

  add(id: string, details: NewSubscription): Subscription {
    const subscription: Subscription = { ...details, id, reauthorizationRequired: false, delivery: "deliver", held: [], dropped: 0 };
    this.all.set(id, subscription);
    return subscription;
  }

  /** Every subscription, expired ones included (the control API's view). */
  list(): Subscription[] {
    return [...this.all.values()];
  }

  find(id: string): Subscription | undefined {
    return this.all.get(id);
  }

  /** The subscription if it exists and has not expired: what Graph and delivery see. */
  active(id: string): Subscription | undefined {
    const subscription = this.all.get(id);
    return subscription && !isExpired(subscription) ? subscription : undefined;
  }

  remove(id: string): boolean {
    return this.all.delete(id);
  }

  calendarChanged(change: CalendarChange): void {
    for (const subscription of this.all.values()) {
      if (isExpired(subscription) || subscription.mailboxId !== change.mailboxId) continue;
      if (subscription.calendarId !== null && subscription.calendarId !== change.calendarId) continue;
      if (!subscription.changeTypes.includes(change.kind)) continue;
      const notification = changeNotification(subscription, change.kind, change);
      if (subscription.delivery === "drop") subscription.dropped += 1;
      else if (subscription.delivery === "pause") subscription.held.push(notification);
      else this.delivery.queue(subscription, notification);
    }
  }

  /** Deliver again: notifications held while paused go out (after the delivery delay). */
  setDelivery(subscription: Subscription, mode: Subscription["delivery"]): void {
    subscription.delivery = mode;
    if (mode !== "deliver") return;
    for (const notification of subscription.held.splice(0)) this.delivery.queue(subscription, notification);
  }

  /**
   * Sends a lifecycle notification to the subscription's lifecycleNotificationUrl. reauthorizationRequired stays
   * pending until /reauthorize or a renewal; subscriptionRemoved deletes the subscription.
   */
  lifecycle(subscription: Subscription, lifecycleEvent: LifecycleEvent): Promise<Delivery> | null {
    const url = subscription.lifecycleNotificationUrl;
    if (!url) return null;
    const { id: subscriptionId, tenantId, clientState } = subscription;
    const notification = { subscriptionId, subscriptionExpirationDateTime: graphDateTime(subscription.expirationDateTime), tenantId, clientState, lifecycleEvent };
    if (lifecycleEvent === "reauthorizationRequired") subscription.reauthorizationRequired = true;
    if (lifecycleEvent === "subscriptionRemoved") this.all.delete(subscription.id);
    return this.delivery.lifecycle(subscription, url, notification);
  }

  /** Forgets every subscription and stops every delivery (reset, close); delivery settings go back to the defaults. */
  clear(): void {
    this.delivery.stop();
    this.delivery.clearDeliveries();
    this.delivery.settings = { ...DEFAULT_DELIVERY_SETTINGS };
    this.all.clear();
  }
}

/** The notification shape of Learn's Outlook example: "Users/{userId}/Events/{eventId}", no resource data. */
function changeNotification(subscription: Subscription, changeType: ChangeType, change: CalendarChange): ChangeNotification {
  const path = `Users/${change.mailboxId}/Events/${change.eventId}`;
  return {
    subscriptionId: subscription.id,
    subscriptionExpirationDateTime: graphDateTime(subscription.expirationDateTime),
    changeType,
    resource: path,
    resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": path, "@odata.etag": `W/"${change.changeKey}"`, id: change.eventId },
    clientState: subscription.clientState,
    tenantId: subscription.tenantId,
  };
}
