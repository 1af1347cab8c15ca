/**
 * Microsoft Graph permissions the hub asks for and checks. v2.0 requests them as scopes at sign-in; v1.0 gets
 * whatever is configured on the app registration. Unprefixed names mean Microsoft Graph in every cloud.
 */
export const SIGN_IN_SCOPES = ["openid", "profile", "email", "offline_access"] as const;
/**
 * What v2.0 sign-in asks for. Not Place.Read.All (the room directory): its delegated form needs an administrator's
 * consent (https://learn.microsoft.com/graph/permissions-reference#placereadall), and Microsoft puts every requested
 * scope to the user, so asking for it would stop staff from connecting ("Need admin approval") wherever an
 * administrator has not consented to it — including every existing app registration that does not list it. The hub
 * reads the directory with the application permission instead (places.ts); v1.0 tokens carry it when the app lists it.
 */
export const DELEGATED_GRAPH_SCOPES = ["User.Read", "Calendars.ReadWrite", "Calendars.ReadWrite.Shared"] as const;
/** The room directory: Microsoft Graph's Places API. */
export const PLACES_PERMISSION = "Place.Read.All";

/** What the set-up guide tells admins to add to the app registration. */
export const APP_REGISTRATION_PERMISSIONS = {
  delegated: ["User.Read", "Calendars.Read", "Calendars.ReadWrite", "Calendars.Read.Shared", "Calendars.ReadWrite.Shared", PLACES_PERMISSION, ...SIGN_IN_SCOPES],
  application: ["Calendars.Read", "Calendars.ReadWrite", PLACES_PERMISSION],
} as const;

/** What each needed permission is for, in words an admin can act on. */
export const NEEDED_PERMISSIONS: { name: string; satisfiedBy: string[]; without: string }[] = [
  { name: "User.Read", satisfiedBy: ["User.Read", "User.ReadBasic.All", "User.Read.All"], without: "the hub cannot read the account's email address" },
  { name: "Calendars.ReadWrite", satisfiedBy: ["Calendars.ReadWrite"], without: "bookings cannot be written to the account's own calendars" },
  {
    name: "Calendars.ReadWrite.Shared",
    satisfiedBy: ["Calendars.ReadWrite.Shared"],
    without: "calendars shared with the account, such as room or team calendars, cannot be read or booked",
  },
];

/** "https://graph.microsoft.com/Calendars.Read openid" → ["Calendars.Read", "openid"] */
export function parseScopes(scope: string | undefined): string[] {
  if (!scope) return [];
  return [...new Set(scope.split(/\s+/).filter(Boolean).map((item) => item.slice(item.lastIndexOf("/") + 1)))];
}

/** Permissions not granted. No scopes at all means Microsoft did not say (not that nothing was granted): none reported. */
export function missingPermissions(granted: string[]): typeof NEEDED_PERMISSIONS {
  if (granted.length === 0) return [];
  const have = new Set(granted.map((scope) => scope.toLowerCase()));
  return NEEDED_PERMISSIONS.filter((permission) => !permission.satisfiedBy.some((name) => have.has(name.toLowerCase())));
}
