import { z } from "zod";
import { BOOKING_LIST_TITLE } from "./booking-words";
import { resourceIdSchema } from "./schemas";

/**
 * Where a booking's Cancel and Change time pages send the user back to: My bookings (an administrator's resource
 * filter kept), the booking page's resource and day, or the booking page. Only these shapes, rebuilt from checked
 * parts (a resource id and a date, each matched whole): never an address or a path taken from a form or a query, so
 * there is nothing to normalise and no value — "//evil.example", "/\\evil.example", "https://…", percent-encoded or
 * not — can send anyone off the hub.
 */
export type ReturnTo = { to: "mine"; resource?: string } | { to: "day"; resource: string; date: string } | { to: "bookings" };

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const single = (value: unknown) => (typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined);

/** From a query or a form's fields: `from=mine` (optionally `resource`), or `resource` and `date` (a day). */
export function returnToFrom(values: Record<string, unknown>): ReturnTo {
  const resource = resourceIdSchema.safeParse(single(values.resource));
  if (single(values.from) === "mine") return resource.success ? { to: "mine", resource: resource.data } : { to: "mine" };
  const date = dateSchema.safeParse(single(values.date));
  return resource.success && date.success ? { to: "day", resource: resource.data, date: date.data } : { to: "bookings" };
}

/** My bookings, with the filter the user came with: where a booking's new time is shown once it is changed. */
export function listReturn(back: ReturnTo): ReturnTo {
  return back.to === "mine" ? back : { to: "mine" };
}

/** The fields that carry it through a form or a link (what returnToFrom reads back). */
export function returnFields(back: ReturnTo): Record<string, string> {
  if (back.to === "mine") return back.resource ? { from: "mine", resource: back.resource } : { from: "mine" };
  if (back.to === "day") return { resource: back.resource, date: back.date };
  return {};
}

/** `path?` plus the return fields, for links to the booking's own pages (`/bookings/<id>/cancel?from=mine`). */
export function withReturn(path: string, back: ReturnTo): string {
  const query = new URLSearchParams(returnFields(back)).toString();
  return query ? `${path}?${query}` : path;
}

/** The page to go back to, with what happened (`{ cancelled: "series" }`) in its query. */
export function returnHref(back: ReturnTo, result: Record<string, string> = {}): string {
  if (back.to === "mine") return `/bookings/mine?${new URLSearchParams({ ...(back.resource ? { resource: back.resource } : {}), ...result })}`;
  const day: Record<string, string> = back.to === "day" ? { resource: back.resource, date: back.date } : {};
  const query = new URLSearchParams({ ...day, ...result }).toString();
  return query ? `/bookings?${query}` : "/bookings";
}

/** What the page gone back to is called, for breadcrumbs and "Keep booking" links. */
export function returnLabel(back: ReturnTo): string {
  return back.to === "mine" ? BOOKING_LIST_TITLE : "Bookings";
}
