import { z } from "zod";
import { ITEM_NOT_FOUND } from "./mailbox";
import { graphEmpty, graphError, graphJson } from "./responses";
import type { GraphCall, GraphRoute } from "./route";
import {
  EVENT_CHANGE_TYPES,
  MAX_CLIENT_STATE_LENGTH,
  MAX_EXPIRATION_MINUTES,
  MIN_EXPIRATION_MINUTES,
  type ChangeType,
  type Subscription,
} from "../subscriptions/model";
import { graphDateTime, servicePrincipalId } from "../subscriptions/subscriptions";

/**
 * Change-notification subscriptions on Outlook events (https://learn.microsoft.com/graph/api/subscription-post-subscriptions,
 * https://learn.microsoft.com/graph/outlook-change-notifications-overview, https://learn.microsoft.com/graph/change-notifications-delivery-webhooks):
 * - resource `me/events`, `users/{id | userPrincipalName}/events` (every calendar of the mailbox) or
 *   `…/calendars/{id}/events` (one), with or without a leading slash; changeType a list of created, updated, deleted;
 *   clientState at most 128 characters; expirationDateTime in the future, at most 4230 minutes ahead (less than 45
 *   minutes is raised to 45).
 * - The caller needs read access to the calendar: delegated tokens only on the signed-in user's own mailbox ("you
 *   can't use delegated permission Calendars.Read to subscribe to events in another user's mailbox"), with
 *   Calendars.Read(Write) — the *.Shared scopes do not support subscriptions; app-only tokens the Calendars.Read(Write) role.
 * - notificationUrl (and lifecycleNotificationUrl) must be https; the emulator also takes http://localhost and
 *   http://127.0.0.1 so tests can listen without a certificate. Both are validated before the 201.
 * - An app sees, renews and deletes only its own subscriptions (a delegated caller: those it made for that user).
 *   Expired or removed subscriptions are gone: 404.
 */

const RESOURCE = /^\/?(me|users\/([^/]+))(?:\/calendars\/([^/]+))?\/events\/?$/i;
const ACCESS_DENIED = "Access is denied. Check credentials and try again.";
const NOT_FOUND = "The object was not found.";

const createSchema = z.object({
  changeType: z.string(),
  notificationUrl: z.string(),
  lifecycleNotificationUrl: z.string().nullish(),
  resource: z.string(),
  expirationDateTime: z.string(),
  clientState: z.string().nullish(),
  latestSupportedTlsVersion: z.enum(["v1_0", "v1_1", "v1_2", "v1_3"]).nullish(),
  includeResourceData: z.boolean().nullish(),
});
const renewSchema = z.object({ expirationDateTime: z.string() });

const has = (granted: string[], ...wanted: string[]) => granted.some((permission) => wanted.some((name) => name.toLowerCase() === permission.toLowerCase()));

/** Graph wraps the subscription service's refusals this way: "Operation: Create; Exception: [Status Code: Forbidden; Reason: …]". */
function extensionError(call: GraphCall, status: number, operation: "Create" | "Update", statusName: string, reason: string): null {
  graphError(call.res, call.ids, status, "ExtensionError", `Operation: ${operation}; Exception: [Status Code: ${statusName}; Reason: ${reason}]`);
  return null;
}

function invalidRequest(call: GraphCall, message: string): null {
  graphError(call.res, call.ids, 400, "InvalidRequest", message);
  return null;
}

interface Watched {
  mailboxId: string;
  tenantId: string;
  calendarId: string | null;
}

/** The mailbox (and calendar) a resource names, if the caller may subscribe to it; null after answering the refusal. */
function watchedResource(call: GraphCall, resource: string, operation: "Create" | "Update"): Watched | null {
  const match = RESOURCE.exec(resource.split("?")[0] ?? "");
  if (!match) return invalidRequest(call, `Resource '${resource}' is not supported for change notifications on events.`);
  const { token, ctx } = call;
  const { directory, calendars } = ctx.state;
  let segment = match[2];
  try {
    segment = segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    // Left as sent: no such user.
  }
  if (segment === undefined && (token.kind !== "delegated" || !token.userId)) {
    graphError(call.res, call.ids, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    return null;
  }
  const user = segment === undefined ? directory.userById(token.userId ?? "") : (directory.userByIdOrPrincipalName(segment) ?? directory.userByEmail(segment));
  if (!user || user.tenantId !== token.tenantId) return extensionError(call, 404, operation, "NotFound", `The requested user '${segment}' is invalid.`);
  const canRead =
    token.kind === "app"
      ? has(token.roles, "Calendars.Read", "Calendars.ReadWrite")
      : token.userId === user.id && has(token.scopes, "Calendars.Read", "Calendars.ReadWrite");
  if (!canRead) return extensionError(call, 403, operation, "Forbidden", ACCESS_DENIED);
  let calendarId: string | null = null;
  if (match[3] !== undefined) {
    const calendar = calendars.calendar(decodeURIComponent(match[3]));
    if (!calendar || calendar.ownerId !== user.id) return extensionError(call, 404, operation, "NotFound", ITEM_NOT_FOUND);
    calendarId = calendar.id;
  }
  return { mailboxId: user.id, tenantId: user.tenantId, calendarId };
}

/** The requested expiration, raised to 45 minutes ahead; null after answering the refusal. */
function expiration(call: GraphCall, value: string): Date | null {
  const requested = new Date(value);
  if (Number.isNaN(requested.getTime())) return invalidRequest(call, `The expirationDateTime '${value}' is not a valid date and time.`);
  const now = Date.now();
  if (requested.getTime() <= now) return invalidRequest(call, "Subscription expiration can only be in the future.");
  if (requested.getTime() > now + MAX_EXPIRATION_MINUTES * 60_000) {
    return invalidRequest(call, `Subscription expiration can only be ${MAX_EXPIRATION_MINUTES} minutes in the future.`);
  }
  return new Date(Math.max(requested.getTime(), now + MIN_EXPIRATION_MINUTES * 60_000));
}

function changeTypes(call: GraphCall, value: string): ChangeType[] | null {
  const parts = value.split(",").map((part) => part.trim());
  const unknown = parts.find((part) => !(EVENT_CHANGE_TYPES as readonly string[]).includes(part));
  if (unknown !== undefined || parts.length === 0) return invalidRequest(call, `Invalid 'changeType' attribute: '${unknown ?? value}'.`);
  return [...new Set(parts as ChangeType[])];
}

/** https, or (the emulator's allowance) plain http to this machine. */
function endpointUrl(call: GraphCall, value: string, property: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalidRequest(call, `The ${property} '${value}' is not a valid absolute URL.`);
  }
  const local = url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !local) return invalidRequest(call, `The ${property} must use the https scheme.`);
  return value;
}

function subscriptionJson(call: GraphCall, subscription: Subscription, entity: boolean): Record<string, unknown> {
  return {
    ...(entity ? { "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#subscriptions/$entity` } : {}),
    id: subscription.id,
    resource: subscription.resource,
    applicationId: subscription.applicationId,
    changeType: subscription.changeTypes.join(","),
    clientState: subscription.clientState,
    notificationUrl: subscription.notificationUrl,
    notificationQueryOptions: null,
    notificationContentType: null,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
    expirationDateTime: graphDateTime(subscription.expirationDateTime),
    creatorId: subscription.creatorId,
    includeResourceData: null,
    latestSupportedTlsVersion: subscription.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

/** An app's own subscription (a delegated caller's: one it made for the signed-in user) that has not expired. */
function ownSubscription(call: GraphCall): Subscription | null {
  const subscription = call.ctx.state.subscriptions.active(call.params[0] ?? "");
  if (!subscription || !isOwn(call, subscription)) {
    graphError(call.res, call.ids, 404, "ResourceNotFound", NOT_FOUND);
    return null;
  }
  return subscription;
}

function isOwn(call: GraphCall, subscription: Subscription): boolean {
  const { token } = call;
  if (subscription.applicationId !== token.clientId || subscription.tenantId !== token.tenantId) return false;
  return token.kind === "app" || subscription.creatorId === token.userId;
}

async function createSubscription(call: GraphCall): Promise<void> {
  const parsed = createSchema.safeParse(call.req.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    invalidRequest(call, `Invalid request: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "malformed"}.`);
    return;
  }
  const body = parsed.data;
  if (body.includeResourceData) {
    invalidRequest(call, "The emulator does not send change notifications with resource data (includeResourceData).");
    return;
  }
  const types = changeTypes(call, body.changeType);
  const notificationUrl = types && endpointUrl(call, body.notificationUrl, "notificationUrl");
  const lifecycleUrl = body.lifecycleNotificationUrl ? notificationUrl && endpointUrl(call, body.lifecycleNotificationUrl, "lifecycleNotificationUrl") : undefined;
  if (!types || !notificationUrl || lifecycleUrl === null) return;
  if ((body.clientState ?? "").length > MAX_CLIENT_STATE_LENGTH) {
    invalidRequest(call, `The clientState is longer than the maximum of ${MAX_CLIENT_STATE_LENGTH} characters.`);
    return;
  }
  const expires = expiration(call, body.expirationDateTime);
  const watched = expires && watchedResource(call, body.resource, "Create");
  if (!expires || !watched) return;

  const { subscriptions } = call.ctx.state;
  const id = subscriptions.newId();
  const urls = [notificationUrl, ...(lifecycleUrl ? [lifecycleUrl] : [])];
  for (const url of urls) {
    if (!(await subscriptions.delivery.validate(id, url))) {
      invalidRequest(call, "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
      return;
    }
  }
  const { token } = call;
  const subscription = subscriptions.add(id, {
    resource: body.resource,
    changeTypes: types,
    notificationUrl,
    lifecycleNotificationUrl: lifecycleUrl ?? null,
    clientState: body.clientState ?? null,
    expirationDateTime: expires,
    applicationId: token.clientId,
    creatorId: token.kind === "delegated" && token.userId ? token.userId : servicePrincipalId(token.clientId, token.tenantId),
    ...watched,
    latestSupportedTlsVersion: body.latestSupportedTlsVersion ?? "v1_2",
  });
  graphJson(call.res, call.ids, 201, subscriptionJson(call, subscription, true));
}

function listSubscriptions(call: GraphCall): void {
  const own = call.ctx.state.subscriptions.list().filter((subscription) => call.ctx.state.subscriptions.active(subscription.id) && isOwn(call, subscription));
  graphJson(call.res, call.ids, 200, {
    "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#subscriptions`,
    value: own.map((subscription) => subscriptionJson(call, subscription, false)),
  });
}

function getSubscription(call: GraphCall): void {
  const subscription = ownSubscription(call);
  if (subscription) graphJson(call.res, call.ids, 200, subscriptionJson(call, subscription, true));
}

/** Renewing also reauthorizes, and checks the caller may still read the resource. */
function renewSubscription(call: GraphCall): void {
  const subscription = ownSubscription(call);
  if (!subscription) return;
  const parsed = renewSchema.safeParse(call.req.json);
  if (!parsed.success) return void invalidRequest(call, "Invalid request: expirationDateTime: required.");
  const expires = expiration(call, parsed.data.expirationDateTime);
  if (!expires || !watchedResource(call, subscription.resource, "Update")) return;
  subscription.expirationDateTime = expires;
  subscription.reauthorizationRequired = false;
  graphJson(call.res, call.ids, 200, subscriptionJson(call, subscription, true));
}

function deleteSubscription(call: GraphCall): void {
  const subscription = ownSubscription(call);
  if (!subscription) return;
  call.ctx.state.subscriptions.remove(subscription.id);
  graphEmpty(call.res, call.ids, 204);
}

/** POST /subscriptions/{id}/reauthorize (https://learn.microsoft.com/graph/api/subscription-reauthorize): 204, expiry unchanged. */
function reauthorize(call: GraphCall): void {
  const subscription = ownSubscription(call);
  if (!subscription || !watchedResource(call, subscription.resource, "Update")) return;
  subscription.reauthorizationRequired = false;
  graphEmpty(call.res, call.ids, 204);
}

export const subscriptionRoutes: GraphRoute[] = [
  { method: "POST", pattern: /^\/subscriptions\/?$/i, handle: createSubscription },
  { method: "GET", pattern: /^\/subscriptions\/?$/i, handle: listSubscriptions },
  { method: "GET", pattern: /^\/subscriptions\/([^/]+)\/?$/i, handle: getSubscription },
  { method: "PATCH", pattern: /^\/subscriptions\/([^/]+)\/?$/i, handle: renewSubscription },
  { method: "DELETE", pattern: /^\/subscriptions\/([^/]+)\/?$/i, handle: deleteSubscription },
  { method: "POST", pattern: /^\/subscriptions\/([^/]+)\/reauthorize\/?$/i, handle: reauthorize },
];
