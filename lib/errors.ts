/**
 * The hub's one error catalogue: every failure the hub reports has a stable code (for tests and for the site's own
 * code) and its words here, once. Administrators read what to fix and where; staff, where the words differ, read what
 * it means for them and whom to ask. A failure is recognised by its code, never by its message text.
 *
 * Input validation stays with its zod schema (one schema per input): it arrives here as `invalid_input` with the
 * schema's message. Microsoft's AADSTS numbers and Graph error codes are mapped onto these codes in one place,
 * lib/integrations/office365/microsoft-errors.ts.
 */
export type Audience = "admin" | "staff";

type Words<P> = string | ((params: P) => string);

/** A date of a repeating booking that is not free: its day in words, its times, why (repeat_conflicts). */
export type RepeatConflict = { date: string; day: string; start: string; end: string; status: string; reason: string };
type Entry<P> = { admin: Words<P>; staff?: Words<P> };
const entry = <P = void>(admin: Words<P>, staff?: Words<P>): Entry<P> => ({ admin, staff });

/** Staff cannot fix the hub's set-up: they are told it is not their doing and whom to ask. */
const ASK_ADMIN = "A hub administrator must fix this on the Office 365 page.";
const APP_REFUSED = `Microsoft refused the hub's app registration. ${ASK_ADMIN}`;
const aadsts = (code: number) => `(AADSTS${code})`;
/** 90 → "1 hour 30 minutes", 60 → "1 hour", 15 → "15 minutes", 2880 → "2 days". */
export function durationWords(minutes: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;
  if (minutes >= 1440 && minutes % 1440 === 0) return plural(minutes / 1440, "day");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return [hours ? plural(hours, "hour") : "", rest || !hours ? plural(rest, "minute") : ""].filter(Boolean).join(" ");
}
/** Place.Read.All as a delegated permission only reaches v1.0 tokens: the hub does not ask for it at v2.0 sign-in. */
const PLACES_FIX =
  "In Microsoft Entra, add the Microsoft Graph permission Place.Read.All to the app registration as an application permission, then choose Grant admin consent (or, with Azure AD v1.0, add it as a delegated permission, grant admin consent and reconnect an account).";
const BY_ADDRESS = "Rooms can still be added by their address.";

export const ERRORS = {
  // --- Hub sessions, roles and input ---------------------------------------------------------------------------
  unauthenticated: entry("Your session has ended. Sign in again to continue."),
  forbidden: entry("Your hub account is not allowed to do this. Ask a hub administrator."),
  invalid_input: entry<{ message: string }>((p) => p.message),
  internal_error: entry("Something went wrong in the hub. The server's log has the details."),
  rate_limited: entry<{ seconds: number }>(
    (p) => `Too many requests from your hub account in a short time. Wait ${p.seconds} second${p.seconds === 1 ? "" : "s"}, then try again.`,
  ),
  invalid_credentials: entry("The email address or password is incorrect"),
  sign_in_locked: entry<{ minutes: number; until: string }>(
    (p) =>
      `There have been too many failed attempts to sign in, so signing in is blocked for now. Try again in ${p.minutes} minute${p.minutes === 1 ? "" : "s"}, after ${p.until}.`,
  ),
  sign_in_locked_later: entry("There have been too many failed attempts to sign in. Try again later."),
  sign_in_unavailable: entry("The hub could not sign you in because of a server problem. Ask the hub's administrator to check the logs."),
  user_exists: entry<{ email: string }>((p) => `A hub user with the email address ${p.email} already exists.`),
  user_not_found: entry<{ email?: string }>((p) => (p.email ? `There is no hub user with the email address ${p.email}.` : "That hub user no longer exists.")),
  cannot_remove_self: entry("You cannot remove your own hub account. Ask another administrator."),
  last_admin: entry("This is the last administrator: add another administrator first."),

  // --- Secrets at rest -----------------------------------------------------------------------------------------
  secret_unreadable: entry<{ why: "form" | "damaged" | "integrity" }>(
    (p) =>
      p.why === "form"
        ? "A stored secret is not in the expected encrypted form. Enter it again."
        : p.why === "damaged"
          ? "A stored secret is damaged. Enter it again."
          : "A stored secret failed its integrity check. Enter it again.",
    `The hub cannot read its stored Microsoft credentials. ${ASK_ADMIN}`,
  ),
  encryption_key_changed: entry(
    "Stored secrets were encrypted with a different HUB_ENCRYPTION_KEY. Restore the previous key, or enter the client secret again and reconnect the accounts.",
    `The hub cannot read its stored Microsoft credentials (its encryption key changed). ${ASK_ADMIN}`,
  ),

  // --- Office 365 set-up and accounts --------------------------------------------------------------------------
  not_configured: entry(
    "Office 365 is not set up yet. Save the app registration's details on the Office 365 page first.",
    "Bookings are not available yet: a hub administrator must set up Office 365 first.",
  ),
  account_not_found: entry("That account is not connected (it may already have been removed). Use Connect account to connect it."),
  account_not_connected: entry("That Office 365 account is not connected.", `The calendar's Office 365 account is no longer connected. ${ASK_ADMIN}`),
  reconnect_required: entry<{ email: string; reason?: string | null }>(
    (p) => `${p.email} must be reconnected on the Office 365 page: ${p.reason ?? "Microsoft refused its access."}`,
    (p) => `The calendar's Office 365 account (${p.email}) has to be reconnected before it can be used. ${ASK_ADMIN}`,
  ),
  mailbox_exists: entry<{ address: string }>((p) => `${p.address} is already in the list.`),
  mailbox_not_in_list: entry("That mailbox is not in the list (it may already have been removed)."),
  unknown_account: entry("There is no connected account or mailbox with that id. Use listAccounts() to see the ids."),
  mailbox_mismatch: entry<{ address: string }>(
    (p) => `That id is the application-access mailbox ${p.address}; leave mailbox empty or use that address.`,
  ),

  // --- Connecting an account (the callback passes only these codes to the Office 365 page) ----------------------
  state_missing: entry(
    "Microsoft's answer did not carry the hub's security code (state), so nothing was saved. Start again with Connect account.",
  ),
  state_unknown: entry(
    "The hub did not issue this request, or it has already been used. Each Connect account works once. Nothing was saved: start again with Connect account.",
  ),
  state_expired: entry(
    "Signing in at Microsoft must be finished within 10 minutes of choosing Connect account. Nothing was saved: start again with Connect account.",
  ),
  state_other_admin: entry("Each hub administrator must start their own connection. Nothing was saved: choose Connect account yourself."),
  signed_out: entry(
    "Your hub session ended while you were signing in at Microsoft, so nothing was saved. Sign in again, then choose Connect account.",
  ),
  no_code: entry("Microsoft did not send back an authorization code. Connect the account again."),
  no_refresh_token: entry(
    "Microsoft did not grant offline access, so the hub could not keep the account connected. Check that offline_access is among the app's delegated permissions, then connect again.",
  ),
  reconnect_other_account: entry(
    "You signed in at Microsoft as a different account from the one you were reconnecting. Choose Reconnect again and sign in as that account.",
  ),
  id_token_invalid: entry<{ detail?: string }>(
    (p) =>
      `Microsoft's answer could not be verified${p.detail ? ` (${p.detail})` : ""}, so no account was connected. Check Tenant and Cloud, then connect the account again.`,
  ),
  no_id_token: entry("Microsoft did not say which organisation the account belongs to. Check that openid is among the app's delegated permissions."),
  identity_mismatch: entry("Microsoft Graph answered for a different account than the one that signed in. Connect the account again."),
  no_email: entry("Microsoft did not give an email address or sign-in name for the account, so it cannot be listed."),
  admin_consent_missing: entry("Microsoft did not confirm that admin consent was granted. Try Grant admin consent again."),
  admin_consent_unverified: entry(
    "Microsoft's answer named a tenant where the hub could not confirm that the app has been granted access, so nothing was recorded. Try Grant admin consent again, signed in as an administrator of your organisation.",
  ),
  permission_denied: entry("Admin consent was not granted. A Global Administrator or Privileged Role Administrator must accept it."),
  sign_in_cancelled: entry(
    "The sign-in at Microsoft was cancelled or the permissions were declined, so no account was connected. Connect again and accept the permissions.",
  ),
  consent_required: entry(
    "Microsoft needs the account (or an administrator) to agree to the hub's permissions first. Grant admin consent in Microsoft Entra, or connect again and accept.",
  ),
  app_refused: entry("Microsoft does not accept this app registration. Check Client ID, Tenant and Cloud.", APP_REFUSED),

  // --- Microsoft's sign-in service (AADSTS numbers are mapped onto these in microsoft-errors.ts) ----------------
  redirect_uri_mismatch: entry(
    `Microsoft refused the sign-in because the redirect URI is not registered for the app ${aadsts(50011)}. Add the redirect URI shown on the Office 365 page as a Web redirect URI in Microsoft Entra, exactly as shown.`,
  ),
  single_tenant_app: entry(
    `The app registration is single tenant, so Microsoft will not sign in through organizations or common ${aadsts(50194)}. Enter the app's Directory (tenant) ID in Tenant and save.`,
  ),
  app_not_found: entry(
    `Microsoft cannot find an app with this Client ID in the tenant ${aadsts(700016)}. Check Client ID, Tenant and Cloud, and that the app registration exists in that tenant.`,
    APP_REFUSED,
  ),
  invalid_client_secret: entry(
    `Microsoft rejected the client secret ${aadsts(7000215)}. Enter the secret's Value, not its Secret ID, in Client secret and save. If your organisation does not allow client secrets, choose A certificate under Credential instead.`,
    APP_REFUSED,
  ),
  no_client_credential: entry(
    "The hub has no client secret or certificate to present to Microsoft (AADSTS7000218 when Microsoft receives none). Save a client secret or a certificate under Credential on the Office 365 page.",
    APP_REFUSED,
  ),
  certificate_refused: entry(
    `Microsoft does not accept the hub's certificate ${aadsts(700027)}: it is not uploaded to this app registration, or it has expired there. Download the certificate from the Office 365 page and upload it in Microsoft Entra under Certificates & secrets, Certificates; the Thumbprint Entra lists must match the one on the Office 365 page.`,
    APP_REFUSED,
  ),
  assertion_out_of_time: entry(
    `Microsoft refused the hub's signed request as outside its valid time ${aadsts(700024)}. Check that the server's clock is correct (synchronised with NTP), then try again.`,
    APP_REFUSED,
  ),
  assertion_other_app: entry(
    `Microsoft refused the hub's signed request because it names another app ${aadsts(700021)}. Check Client ID: it must be the Application (client) ID of the app registration the certificate is uploaded to.`,
    APP_REFUSED,
  ),
  assertion_other_endpoint: entry(
    `Microsoft refused the hub's signed request because it was addressed to another sign-in endpoint ${aadsts(700023)}. Check Tenant, Cloud and Azure AD version, and MICROSOFT_LOGIN_URL if it is set.`,
    APP_REFUSED,
  ),
  assertion_unreadable: entry(
    `Microsoft could not read the hub's signed request ${aadsts(50027)}. Save the certificate again, or generate a new key pair and certificate and upload it to Microsoft Entra.`,
    APP_REFUSED,
  ),
  assertion_without_thumbprint: entry(
    `Microsoft could not tell which certificate signed the hub's request ${aadsts(5002723)}. Save the certificate again on the Office 365 page.`,
    APP_REFUSED,
  ),
  client_secret_expired: entry(
    `The client secret has expired ${aadsts(7000222)}. Create a new client secret in Microsoft Entra, enter its Value in Client secret, and save.`,
    APP_REFUSED,
  ),
  consent_missing: entry(
    `The account has not agreed to the hub's permissions ${aadsts(65001)}. Grant admin consent for the app in Microsoft Entra (API permissions), or reconnect the account and accept the permissions.`,
  ),
  consent_declined: entry(
    `The permissions request was declined ${aadsts(65004)}, so no account was connected. Connect again and choose Accept, or ask a Microsoft 365 administrator to grant consent for the organisation.`,
  ),
  refresh_token_inactive: entry(`The account's access expired after 90 days without use ${aadsts(700082)}. Reconnect the account.`),
  grant_revoked: entry(
    `Microsoft revoked the account's access, for example after a password reset or an administrator signed it out everywhere ${aadsts(50173)}. Reconnect the account.`,
  ),
  grant_expired: entry(`The account's access has expired or was revoked ${aadsts(70008)}. Reconnect the account.`),
  grant_invalid: entry(`Microsoft no longer accepts the account's sign-in ${aadsts(70000)}. Reconnect the account.`),
  mfa_required: entry(`The account must complete multi-factor authentication ${aadsts(50076)}. Reconnect it and complete the extra sign-in step.`),
  mfa_setup_required: entry(`The account must set up multi-factor authentication ${aadsts(50079)}. Reconnect it and complete the set-up.`),
  code_redeemed: entry(`That sign-in had already been used ${aadsts(54005)}. Connect the account again.`),
  code_verifier_mismatch: entry(`Microsoft could not match the sign-in to the request that started it ${aadsts(501481)}. Connect the account again.`),
  tenant_not_found: entry(`Microsoft does not know the tenant entered in Tenant ${aadsts(90002)}. Check it against the Directory (tenant) ID in Microsoft Entra.`),
  graph_not_in_tenant: entry(
    `Microsoft Graph is not available to the app in this tenant ${aadsts(500011)}. Check Cloud, and that the tenant has Microsoft 365.`,
  ),
  tenant_required: entry(
    `This needs a specific tenant ${aadsts(9001023)}. Enter the Directory (tenant) ID in Tenant instead of organizations or common.`,
  ),
  parameter_refused: entry(
    `Microsoft refused a request parameter ${aadsts(901002)}. Check that Azure AD version matches the app registration.`,
  ),
  microsoft_refused: entry<{ aadsts?: number; detail?: string }>(
    (p) =>
      p.detail
        ? `Microsoft refused the request: ${p.detail}.`
        : `Microsoft refused to connect the account${p.aadsts ? ` (AADSTS${p.aadsts})` : ""}. Check the settings and the app registration, then try again.`,
    `Microsoft refused the hub's request. ${ASK_ADMIN}`,
  ),
  microsoft_sign_in_unavailable: entry<{ throttled?: boolean; unreachable?: boolean }>(
    (p) =>
      p.throttled
        ? "Microsoft is limiting requests from the hub at the moment. Try again in a minute."
        : p.unreachable
          ? "The hub could not reach Microsoft's sign-in service. Check the server's outbound connection, then try again."
          : "Microsoft's sign-in service did not answer properly. Try again in a few minutes.",
    "Microsoft's sign-in service is not answering at the moment. Try again in a few minutes.",
  ),
  microsoft_unexpected_answer: entry("Microsoft's sign-in service answered in a way the hub does not understand. Try again later."),

  // --- Microsoft Graph ---------------------------------------------------------------------------------------
  graph_unauthorized: entry(
    "Microsoft Graph refused the account's access even after renewing it. Reconnect the account.",
    `Microsoft stopped accepting the calendar's account. ${ASK_ADMIN}`,
  ),
  graph_forbidden: entry<{ permission?: string; subject: string; access?: "delegated" | "application" }>(
    (p) =>
      p.access === "application"
        ? `The app lacks permission${p.permission ? ` ${p.permission}` : ""} for ${p.subject}. Add it as an application permission to the app registration in Microsoft Entra, then choose Grant admin consent.`
        : `This account lacks permission${p.permission ? ` ${p.permission}` : ""} for ${p.subject}. Add the permission to the app registration in Microsoft Entra, grant consent, then reconnect the account.`,
    (p) => `The hub is not allowed to use ${p.subject}. ${ASK_ADMIN}`,
  ),
  mailbox_not_shared: entry<{ mailbox: string; account: string }>(
    (p) =>
      `${p.mailbox} is not shared with ${p.account}, so the hub cannot see its calendar that way. Its owner can share the calendar with ${p.account} in Outlook, or an administrator can add ${p.mailbox} with application access on the Office 365 page.`,
    (p) => `The hub cannot see the calendar of ${p.mailbox}. ${ASK_ADMIN}`,
  ),
  mailbox_not_found: entry<{ subject: string }>(
    (p) => `Microsoft 365 has no mailbox for ${p.subject}. Check the address, and that the mailbox exists in Exchange Online.`,
  ),
  not_found: entry<{ subject: string }>((p) => `Microsoft could not find ${p.subject}. It may have been deleted.`),

  // --- The room directory (Graph's Places API); adding a room by its address needs none of it -----------------
  places_forbidden: entry<{ access?: "delegated" | "application" }>(
    (p) =>
      `Microsoft refused to show the hub the room directory: ${p.access === "delegated" ? "the connected account's access" : p.access === "application" ? "the app" : "the hub"} lacks Place.Read.All. ${PLACES_FIX} ${BY_ADDRESS}`,
    `The hub cannot read the room directory. ${ASK_ADMIN}`,
  ),
  places_no_access: entry(
    `The hub cannot read the room directory yet: no account is connected and admin consent has not been granted. ${PLACES_FIX} ${BY_ADDRESS}`,
    `The hub cannot read the room directory yet. ${ASK_ADMIN}`,
  ),
  places_unavailable_in_cloud: entry<{ cloud: string }>(
    (p) =>
      `Microsoft documents its room directory (the Places API) for the global cloud only, so the hub cannot list the rooms of a ${p.cloud} tenant. ${BY_ADDRESS}`,
    "The room directory is not available in this Microsoft cloud. A hub administrator can add rooms by their address.",
  ),
  graph_throttled: entry<{ subject: string; trace?: string }>(
    (p) => `Microsoft is limiting requests for ${p.subject} at the moment. Try again in a minute.${p.trace ?? ""}`,
  ),
  graph_unavailable: entry<{ trace?: string }>((p) => `Microsoft Graph is not answering properly at the moment. Try again in a few minutes.${p.trace ?? ""}`),
  graph_refused: entry<{ detail: string; trace?: string }>((p) => `Microsoft refused the request: ${p.detail}.${p.trace ?? ""}`),
  graph_unreachable: entry(
    "The hub could not reach Microsoft Graph. Check the server's outbound connection, then try again.",
    "The hub could not reach Microsoft 365 at the moment. Try again in a few minutes.",
  ),
  unknown_time_zone: entry<{ label: string }>(
    (p) => `Microsoft answered with a time zone the hub does not know ("${p.label}"), so it cannot place these events in time.`,
  ),
  schedule_error: entry<{ address: string; detail: string }>((p) => `Microsoft could not give the free/busy time of ${p.address}: ${p.detail}`),
  no_answer: entry("Microsoft did not answer for this calendar, so its free time is unknown."),
  too_many_events: entry<{ limit: number }>(
    (p) => `The calendar has more than ${p.limit.toLocaleString("en-GB")} events in that range, more than the hub reads at once. Choose a shorter range.`,
  ),
  duplicate_transaction: entry("Microsoft already has this booking."),

  // --- The live mirror of free/busy (lib/mirror/) ----------------------------------------------------------------
  sync_state_expired: entry("Microsoft no longer recognises the hub's place in this calendar's changes, so the hub reads the whole calendar again."),
  mirror_too_big: entry<{ limit: number }>(
    (p) =>
      `The calendar has more than ${p.limit.toLocaleString("en-GB")} events up to its Book up to date, more than the hub keeps a copy of, so its availability is read from Microsoft each time. Shorten Book up to on the resource's Rules.`,
  ),
  notifications_not_supported: entry(
    "Microsoft sends change notifications only for a connected account's own calendars and for mailboxes reached with application access, not for calendars shared with an account, so the hub looks for changes in this one regularly (polling).",
  ),
  notification_url_unreachable: entry<{ url: string }>(
    (p) =>
      `Microsoft could not reach the hub at ${p.url} to send change notifications, so the hub looks for changes regularly (polling) instead. Make that address reachable from the internet over https, or set HUB_NOTIFICATIONS=off.`,
  ),
  subscription_refused: entry<{ detail: string }>(
    (p) => `Microsoft refused to send change notifications for this calendar (${p.detail}), so the hub looks for changes regularly (polling) instead.`,
  ),

  // --- Bookings ----------------------------------------------------------------------------------------------
  slot_taken: entry<{ label: string; where: "hub" | "outlook" }>((p) =>
    p.where === "hub"
      ? `That time has just been booked through the hub in ${p.label}. Choose another time.`
      : `That time is no longer free in ${p.label}. Choose another time.`,
  ),
  in_the_past: entry("Start is in the past: choose a time from now on."),
  availability_unknown: entry<{ detail?: string }>(
    (p) => `The hub could not check that the time is free, so nothing was booked${p.detail ? `: ${p.detail}` : "."}`,
  ),
  booking_busy: entry("Microsoft has not yet confirmed an earlier change to this booking. Try again in a minute."),
  unknown_booking: entry<{ status?: string }>((p) =>
    p.status ? `That booking is ${p.status} and cannot be changed.` : "There is no active booking with that id.",
  ),
  not_your_booking: entry("That booking was made by someone else: only they or a hub administrator can change or cancel it."),
  booking_pending: entry<{ what: string }>(
    (p) => `Microsoft did not confirm ${p.what} in time. The hub will send it again shortly, and never twice.`,
  ),
  booking_failed: entry<{ what: string }>((p) => `Microsoft did not ${p.what}.`),
  booking_not_found: entry("Microsoft says the booking exists but the hub cannot find its event yet."),
  event_deleted: entry("The event was deleted in Outlook, so the booking is now cancelled."),

  // --- Resources and their rules ------------------------------------------------------------------------------
  unknown_resource: entry("There is no bookable resource with that id. Use listResources() to see the ids."),
  resource_admins_only: entry<{ label: string }>((p) => `Only hub administrators can book ${p.label}.`),
  invitation_needs_mailbox: entry<{ calendar: string; address: string }>(
    (p) =>
      `Only a mailbox can be invited, by its address: this resource is the calendar "${p.calendar}" of ${p.address}, not its main calendar. Choose Directly, or make a resource of the room's own mailbox.`,
  ),
  organiser_is_room: entry<{ address: string }>((p) => `${p.address} is the room itself: choose another organiser, or the person booking.`),
  booker_needs_application_access: entry(
    "The person booking can send invitations only once the app has application access: grant admin consent, or add a mailbox with application access, on the Office 365 page. Or choose a connected account.",
  ),
  teams_not_available: entry<{ label: string }>(
    (p) => `Bookings of ${p.label} cannot be Microsoft Teams meetings: the calendar they are written to does not allow Teams. Book it without Teams.`,
  ),
  resource_exists: entry<{ name: string }>((p) => `That calendar is already the resource "${p.name}".`),
  already_a_resource: entry<{ room: string; name: string }>((p) => `${p.room} is already the resource "${p.name}".`),
  directory_room_not_listed: entry<{ address: string }>(
    (p) =>
      `Microsoft's room directory does not list ${p.address} (it may have been removed, or hidden from the address list), so it was not added. A room can still be added by its address: under Mailboxes with application access on the Office 365 page, then with Add resource.`,
  ),
  directory_room_not_bookable: entry<{ name: string; bookingType: "reserved" | "unknown" }>((p) =>
    p.bookingType === "reserved"
      ? `${p.name} cannot be booked: Exchange lists it as reserved (first come, first served), so it takes no bookings.`
      : `${p.name} cannot be added: Microsoft does not say that it takes bookings (its booking type is unknown).`,
  ),
  rule_too_long: entry<{ label: string; minutes: number }>(
    (p) => `${p.label} can be booked for at most ${durationWords(p.minutes)} at a time. Choose a shorter booking.`,
  ),
  repeat_conflicts: entry<{ label: string; count: number; total: number; dates: RepeatConflict[] }>(
    (p) =>
      `${p.count} of the ${p.total} dates ${p.count === 1 ? "is" : "are"} not free in ${p.label}: ${p.dates.map((date) => `${date.day} (${date.reason})`).join("; ")}. Book the ${p.total - p.count} free dates, or change the request.`,
  ),
  not_a_series: entry("That booking does not repeat: cancel it on its own."),
  repeat_none_free: entry<{ label: string; total: number }>((p) => `None of the ${p.total} dates is free in ${p.label}. Change the time or how it repeats.`),
  repeat_date_taken: entry<{ date: string }>((p) => `${p.date} has just been booked by someone else through the hub. Check the dates again.`),
  rule_closed: entry<{ label: string; closed: string }>((p) => `${p.label} cannot be booked that day. ${p.closed}. Choose another day.`),
  rule_outside_hours: entry<{ label: string; weekday: string; opens: string; closes: string }>(
    (p) => `${p.label} is open from ${p.opens} to ${p.closes} on ${p.weekday}s. Choose a time inside its opening hours.`,
  ),
  rule_too_soon: entry<{ label: string; minutes: number }>(
    (p) => `${p.label} must be booked at least ${durationWords(p.minutes)} ahead. Choose a later time.`,
  ),
  rule_too_far: entry<{ label: string; days: number }>((p) => `${p.label} can be booked at most ${p.days} days ahead. Choose an earlier date.`),
  rule_buffer: entry<{ label: string; before: number; after: number }>(
    (p) =>
      `${p.label} keeps ${[p.before ? `${durationWords(p.before)} free before` : "", p.after ? `${durationWords(p.after)} free after` : ""].filter(Boolean).join(" and ")} each booking, and that time is taken. Choose another time.`,
  ),
  rule_full: entry<{ label: string; places: number }>((p) => `All ${p.places} places at that time in ${p.label} are taken. Choose another time.`),
  closed_dates_unreadable: entry<{ resource?: string; detail: string }>(
    (p) =>
      `The closed dates saved for ${p.resource ?? "this resource"} cannot be read (${p.detail}), so its times are not offered. ` +
      "Open the resource and save its closed dates again.",
    (p) => `The closed dates of ${p.resource ?? "this resource"} cannot be read, so its times are not offered. A hub administrator must fix this on the resource's page.`,
  ),
};

export type ErrorCode = keyof typeof ERRORS;
type ParamsOf<C extends ErrorCode> = C extends ErrorCode ? ((typeof ERRORS)[C] extends Entry<infer P> ? P : never) : never;
type Options = { field?: string; cause?: unknown };
/** Codes whose words need parameters take them second; the others take only options. */
type Arguments<C extends ErrorCode> = [ParamsOf<C>] extends [void] ? [params?: undefined, options?: Options] : [params: ParamsOf<C>, options?: Options];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERRORS, value);
}

/** The words for a code, for the given reader. */
export function describeError<C extends ErrorCode>(code: C, params: ParamsOf<C>, audience: Audience = "admin"): string {
  const words = ERRORS[code] as Entry<ParamsOf<C>>;
  const chosen = audience === "staff" && words.staff !== undefined ? words.staff : words.admin;
  return typeof chosen === "function" ? chosen(params) : chosen;
}

/**
 * The hub's one error type: a code from the catalogue, its parameters, and the field of the input it is about.
 * `message` is the administrator's wording (also what the server's log shows).
 */
export class HubError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly params: ParamsOf<C>;
  readonly field?: string;

  constructor(code: C, ...[params, options = {}]: Arguments<C>) {
    super(describeError(code, params as ParamsOf<C>), { cause: options.cause });
    this.name = "HubError";
    this.code = code;
    this.params = params as ParamsOf<C>;
    this.field = options.field;
  }

  /** The same failure, about a particular field of the input (for example a form's). */
  forField(field: string): HubError<C> {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as HubError<C>;
    Object.assign(copy, this, { field });
    copy.message = this.message;
    copy.stack = this.stack;
    return copy;
  }

  toJSON(audience: Audience = "admin"): PublicError {
    const repeat = this.code === "repeat_conflicts" ? (this.params as ParamsOf<"repeat_conflicts">) : null;
    return {
      code: this.code,
      message: describeError(this.code, this.params, audience),
      ...(this.field ? { field: this.field } : {}),
      ...(repeat ? { repeat: { total: repeat.total, conflicts: repeat.dates } } : {}),
    };
  }
}

/**
 * What crosses to the browser or to the site's code: never a stack, never a cause. An `invalid_input` error from a
 * server action also carries `fields`: every invalid input's message by its path ("subject", "attendees.0"), so a
 * form can report them all at once; `field` and `message` are the first of them. A repeating booking refused for dates
 * that are not free (`repeat_conflicts`) lists them in `repeat.conflicts` (of `repeat.total` dates), so the caller can
 * offer to book the others (createBooking again, with their dates in `skipDates`).
 */
export type PublicError = {
  code: ErrorCode;
  message: string;
  field?: string;
  fields?: Record<string, string>;
  repeat?: { total: number; conflicts: RepeatConflict[] };
};

export type Result<T> = { ok: true; data: T } | { ok: false; error: PublicError };

export function isHubError(error: unknown): error is HubError {
  return error instanceof HubError;
}

export const unauthenticated = () => new HubError("unauthenticated");
export const forbidden = () => new HubError("forbidden");
