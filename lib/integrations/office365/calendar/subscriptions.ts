import "server-only";
import { z } from "zod";
import { HubError } from "../../../errors";
import { readGraphAnswer } from "./delta";
import { graphFor, type CalendarSource } from "./sources";

/**
 * Change notifications for a calendar's events (https://learn.microsoft.com/graph/api/subscription-post-subscriptions,
 * https://learn.microsoft.com/graph/change-notifications-delivery-webhooks): Microsoft POSTs to the hub's notification
 * URL when an event is created, changed or deleted, with the subscription's clientState, which the hub checks. Events
 * subscriptions last at most 4,230 minutes and are renewed well before (PATCH expirationDateTime); Microsoft sends
 * lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed) to a second URL.
 *
 * Who can subscribe: a connected account to its own mailbox (delegated), the app to a mailbox it reaches with
 * application access. Calendars shared with an account (the .Shared permissions) cannot be subscribed to.
 */
export const MAX_SUBSCRIPTION_MINUTES = 4230;
/** Asked for a little under the maximum, so a clock ahead of Microsoft's never asks for too long. */
const LIFETIME_MINUTES = MAX_SUBSCRIPTION_MINUTES - 30;

export type SubscriptionTarget = { source: CalendarSource; calendarId: string };
export type Subscription = { id: string; expiresAt: Date };

const subscriptionAnswer = z.object({ id: z.string().min(1), expirationDateTime: z.string().datetime({ offset: true }) });

/** Whether Microsoft sends change notifications for this calendar at all. */
export const notificationsPossible = (source: CalendarSource) => source.access === "application" || source.path === "/me";

/** The Graph resource a subscription watches: one calendar's events. */
export function subscriptionResource({ source, calendarId }: SubscriptionTarget): string {
  return `${source.path.slice(1)}/calendars/${encodeURIComponent(calendarId)}/events`;
}

const context = (source: CalendarSource) => ({ permission: source.readPermission, subject: `change notifications for ${source.label}` });

function asSubscription(answer: unknown): Subscription {
  const read = readGraphAnswer(subscriptionAnswer, answer, "Microsoft's answer about the subscription");
  return { id: read.id, expiresAt: new Date(read.expirationDateTime) };
}

const expiry = (now: number) => new Date(now + LIFETIME_MINUTES * 60_000).toISOString();

/** Creates a subscription; Microsoft first checks both URLs answer its validation request (10 s). */
export async function createSubscription(
  target: SubscriptionTarget,
  urls: { notificationUrl: string; lifecycleNotificationUrl: string },
  clientState: string,
  now = Date.now(),
): Promise<Subscription> {
  const answer = await graphFor(
    target.source,
    (client) =>
      client.api("/subscriptions").post({
        changeType: "created,updated,deleted",
        notificationUrl: urls.notificationUrl,
        lifecycleNotificationUrl: urls.lifecycleNotificationUrl,
        resource: subscriptionResource(target),
        expirationDateTime: expiry(now),
        clientState,
      }),
    context(target.source),
  );
  return asSubscription(answer);
}

/** Extends a subscription's life; not_found when Microsoft no longer has it (expired or removed). */
export async function renewSubscription(source: CalendarSource, id: string, now = Date.now()): Promise<Subscription> {
  const answer = await graphFor(source, (client) => client.api(`/subscriptions/${encodeURIComponent(id)}`).patch({ expirationDateTime: expiry(now) }), context(source));
  return asSubscription(answer);
}

/** Answers reauthorizationRequired: the subscription goes on with the app's current access. */
export async function reauthorizeSubscription(source: CalendarSource, id: string): Promise<void> {
  await graphFor(source, (client) => client.api(`/subscriptions/${encodeURIComponent(id)}/reauthorize`).post({}), context(source));
}

/** Removes a subscription at Microsoft; one already gone counts as removed. */
export async function deleteSubscription(source: CalendarSource, id: string): Promise<void> {
  try {
    await graphFor(source, (client) => client.api(`/subscriptions/${encodeURIComponent(id)}`).delete(), context(source));
  } catch (error) {
    if (error instanceof HubError && error.code === "not_found") return;
    throw error;
  }
}
