import { z } from "zod";
import { DELIVERY_MODES, LIFECYCLE_EVENTS, type DeliveryMode, type Delivery } from "./subscriptions/model";

/** The control API's subscription request bodies (validated by control-subscriptions.ts) and responses. */

export const subscriptionExpirySchema = z.strictObject({
  /** Any instant, the past included: an expired subscription delivers nothing and is 404 for Graph. */
  expirationDateTime: z.string().refine((value) => !Number.isNaN(new Date(value).getTime()), "not a date and time"),
});

export const lifecycleEventSchema = z.strictObject({ lifecycleEvent: z.enum(LIFECYCLE_EVENTS) });

export const deliveryModeSchema = z.strictObject({ mode: z.enum(DELIVERY_MODES) });

export const notificationSettingsSchema = z.strictObject({
  /** From a calendar change to its change notification's POST (default 200). */
  deliveryDelayMs: z.number().int().min(0).max(600_000).optional(),
  /** Wait before the first retry of an unacknowledged POST; doubles for each further one (default 1000). */
  retryBaseDelayMs: z.number().int().min(0).max(600_000).optional(),
});
export type NotificationSettings = Required<z.infer<typeof notificationSettingsSchema>>;
export type NotificationSettingsChanges = z.infer<typeof notificationSettingsSchema>;

export type { Delivery as ControlDelivery, DeliveryMode };
export type LifecycleEventName = (typeof LIFECYCLE_EVENTS)[number];

export interface ControlSubscription {
  id: string;
  resource: string;
  changeType: string;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  expired: boolean;
  applicationId: string;
  creatorId: string;
  /** The watched mailbox's address, and its calendar's id (null: every calendar of the mailbox). */
  mailbox: string;
  calendarId: string | null;
  reauthorizationRequired: boolean;
  delivery: DeliveryMode;
  /** Change notifications held while paused, and lost while dropping. */
  held: number;
  dropped: number;
}
