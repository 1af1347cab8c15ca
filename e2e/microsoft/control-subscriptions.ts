import type { EmulatorContext } from "./context";
import { ControlError, parse } from "./control-errors";
import {
  deliveryModeSchema,
  lifecycleEventSchema,
  notificationSettingsSchema,
  subscriptionExpirySchema,
  type ControlSubscription,
} from "./control-subscription-types";
import type { EmulatorRequest } from "./http";
import { isExpired, type Subscription } from "./subscriptions/model";

/**
 * Control endpoints for change notifications: list subscriptions, move one's expiry (into the past, too), send a
 * lifecycle notification, pause or drop a subscription's change notifications, set the delivery delay, and read the
 * POSTs made to subscribers with how long they took to answer. Returns undefined for paths it does not own.
 */

function controlSubscription(ctx: EmulatorContext, subscription: Subscription): ControlSubscription {
  const owner = ctx.state.directory.users.find((user) => user.id === subscription.mailboxId);
  return {
    id: subscription.id,
    resource: subscription.resource,
    changeType: subscription.changeTypes.join(","),
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: subscription.expirationDateTime.toISOString(),
    expired: isExpired(subscription),
    applicationId: subscription.applicationId,
    creatorId: subscription.creatorId,
    mailbox: owner ? (owner.mail ?? owner.userPrincipalName) : subscription.mailboxId,
    calendarId: subscription.calendarId,
    reauthorizationRequired: subscription.reauthorizationRequired,
    delivery: subscription.delivery,
    held: subscription.held.length,
    dropped: subscription.dropped,
  };
}

function findSubscription(ctx: EmulatorContext, id: string): Subscription {
  const subscription = ctx.state.subscriptions.find(id);
  if (!subscription) throw new ControlError(404, `No subscription '${id}' (deleted, removed, or never created).`);
  return subscription;
}

export function subscriptionControl(ctx: EmulatorContext, req: EmulatorRequest): { body: unknown } | undefined {
  const { method, path } = req;
  const { subscriptions } = ctx.state;
  if (path === "/subscriptions" && method === "GET") return { body: subscriptions.list().map((subscription) => controlSubscription(ctx, subscription)) };
  if (path === "/deliveries" && method === "GET") return { body: subscriptions.delivery.deliveries() };
  if (path === "/deliveries" && method === "DELETE") {
    subscriptions.delivery.clearDeliveries();
    return { body: { cleared: true } };
  }
  if (path === "/notifications" && method === "PUT") {
    const changes = parse(notificationSettingsSchema, req.json);
    const { delivery } = subscriptions;
    delivery.settings = { ...delivery.settings, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) };
    return { body: delivery.settings };
  }
  const action = /^\/subscriptions\/([^/]+)\/(expiry|lifecycle|delivery)$/.exec(path);
  if (!action) return undefined;
  const subscription = findSubscription(ctx, decodeURIComponent(action[1] ?? ""));
  if (action[2] === "expiry" && method === "PUT") {
    subscription.expirationDateTime = new Date(parse(subscriptionExpirySchema, req.json).expirationDateTime);
    return { body: controlSubscription(ctx, subscription) };
  }
  if (action[2] === "delivery" && method === "PUT") {
    subscriptions.setDelivery(subscription, parse(deliveryModeSchema, req.json).mode);
    return { body: controlSubscription(ctx, subscription) };
  }
  if (action[2] === "lifecycle" && method === "POST") {
    const { lifecycleEvent } = parse(lifecycleEventSchema, req.json);
    const sent = subscriptions.lifecycle(subscription, lifecycleEvent);
    if (!sent) throw new ControlError(400, `Subscription '${subscription.id}' has no lifecycleNotificationUrl.`);
    return { body: sent };
  }
  return undefined;
}
