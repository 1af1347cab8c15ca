import { guid } from "../http";
import type { ChangeNotification, Delivery, DeliveryKind, LifecycleNotification, Subscription } from "./model";
import { OutgoingPosts, type PostResult } from "./post";

/**
 * Sending to subscribers (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks):
 * - Validation: `POST {url}?validationToken=…` (text/plain, empty body); the endpoint must answer 200, text/plain,
 *   with the decoded token, within 10 seconds. The token has Microsoft's own shape ("Validation: Testing client
 *   application reachability for subscription Request-Id: …"): spaces and colons a client must URL-decode, and, as
 *   Learn promises, nothing that looks like HTML.
 * - Change notifications: queued when the calendar changes and posted after the delivery delay (Microsoft: under a
 *   minute on average), those due together batched into one `value` array. The endpoint must answer 2xx within 3
 *   seconds; otherwise the emulator retries the same batch a bounded few times (MAX_ATTEMPTS, backoff doubling from
 *   retryBaseDelayMs), where Microsoft retries for up to 4 hours.
 * - Lifecycle notifications go out at once when the control API asks, retried the same way.
 * Nothing here blocks a Graph request: changes only queue; the POSTs run on timers.
 */

export interface DeliverySettings {
  /** From a calendar change to the POST (default 200 ms). */
  deliveryDelayMs: number;
  /** The first retry's wait; each further retry waits twice as long (default 1000 ms). */
  retryBaseDelayMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { deliveryDelayMs: 200, retryBaseDelayMs: 1000 };
export const MAX_ATTEMPTS = 4;
const ACK_TIMEOUT_MS = 3000;
const VALIDATION_TIMEOUT_MS = 10_000;
const JSON_TYPE = "application/json; charset=utf-8";

type Payload = ChangeNotification | LifecycleNotification;

export class NotificationDelivery {
  settings: DeliverySettings = { ...DEFAULT_DELIVERY_SETTINGS };
  private entries: Delivery[] = [];
  private readonly pending = new Map<string, ChangeNotification[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly posts = new OutgoingPosts();
  /** Bumped by stop(): work scheduled before it is dropped. */
  private generation = 0;

  /** Answers whether the subscription still wants its POSTs (not deleted, not expired) when they go out. */
  constructor(private readonly stillWanted: (subscriptionId: string) => Subscription | undefined) {}

  deliveries(): Delivery[] {
    return this.entries;
  }

  clearDeliveries(): void {
    this.entries = [];
  }

  /** Queues one change notification; those queued before the delay runs out go in one POST. */
  queue(subscription: Subscription, notification: ChangeNotification): void {
    const waiting = this.pending.get(subscription.id);
    if (waiting) {
      waiting.push(notification);
      return;
    }
    this.pending.set(subscription.id, [notification]);
    this.later(this.settings.deliveryDelayMs, () => {
      const batch = this.pending.get(subscription.id) ?? [];
      this.pending.delete(subscription.id);
      const current = this.stillWanted(subscription.id);
      if (current) void this.send(current.id, "notification", current.notificationUrl, batch, 1);
    });
  }

  /** Sends a lifecycle notification now; answers the first attempt (retries continue in the background). */
  lifecycle(subscription: Subscription, url: string, notification: LifecycleNotification): Promise<Delivery> {
    return this.send(subscription.id, "lifecycle", url, [notification], 1, true);
  }

  /** The validation handshake for a new subscription's URL: true when the endpoint echoed the token in time. */
  async validate(subscriptionId: string, url: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${guid()}`;
    const separator = url.includes("?") ? "&" : "?";
    const target = `${url}${separator}validationToken=${encodeURIComponent(token)}`;
    const at = new Date().toISOString();
    const result = await this.posts.post(target, "", "text/plain; charset=utf-8", VALIDATION_TIMEOUT_MS);
    const error = validationError(result, token);
    this.entries.push({ subscriptionId, kind: "validation", url: target, status: "status" in result ? result.status : null, ackMs: result.ms, at, attempt: 1, error, value: [] });
    return error === null;
  }

  private async send(subscriptionId: string, kind: DeliveryKind, url: string, value: Payload[], attempt: number, evenIfRemoved = false): Promise<Delivery> {
    const at = new Date().toISOString();
    const generation = this.generation;
    const result = await this.posts.post(url, JSON.stringify({ value }), JSON_TYPE, ACK_TIMEOUT_MS);
    const status = "status" in result ? result.status : null;
    const acknowledged = status !== null && status >= 200 && status < 300 && result.ms <= ACK_TIMEOUT_MS;
    const error = acknowledged ? null : "error" in result ? result.error : `HTTP ${status}`;
    const delivery: Delivery = { subscriptionId, kind, url, status, ackMs: result.ms, at, attempt, error, value };
    if (generation !== this.generation) return delivery;
    this.entries.push(delivery);
    if (!acknowledged && attempt < MAX_ATTEMPTS) {
      this.later(this.settings.retryBaseDelayMs * 2 ** (attempt - 1), () => {
        // A subscription deleted or expired meanwhile gets no more change notifications.
        if (evenIfRemoved || this.stillWanted(subscriptionId)) void this.send(subscriptionId, kind, url, value, attempt + 1, evenIfRemoved);
      });
    }
    return delivery;
  }

  private later(ms: number, task: () => void): void {
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (generation === this.generation) task();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Stops everything queued, waiting to retry or in flight (reset, close). Deliveries already made stay listed. */
  stop(): void {
    this.generation += 1;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    this.posts.abortAll();
  }
}

function validationError(result: PostResult, token: string): string | null {
  if ("error" in result) return result.error;
  if (result.status !== 200) return `HTTP ${result.status}`;
  if (!result.contentType.toLowerCase().startsWith("text/plain")) return `content-type '${result.contentType}', not text/plain`;
  if (result.body !== token) return "the body is not the decoded validation token";
  return null;
}
