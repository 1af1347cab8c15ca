import { resolveZone, UTC_ZONE, ZONE_NOT_SUPPORTED, zoneNotSupportedMessage, type GraphZone } from "../calendars/time-zones";
import { header } from "../http";
import { graphError } from "./responses";
import type { GraphCall } from "./route";

/**
 * Request options shared by the routes: `Prefer: outlook.timezone="…"`, $select, $top/$skip and the next page's
 * link. Each returns null after answering the 400 Graph gives for a bad value.
 */

export interface OutputZone {
  zone: GraphZone;
  /** Preference-Applied, set when the Prefer time zone was honoured. */
  headers: Record<string, string>;
}

/**
 * Times come back in UTC unless `Prefer: outlook.timezone` names a zone; an unknown zone is a 400, not a fallback
 * (https://learn.microsoft.com/graph/api/user-list-calendarview#request-headers).
 */
export function outputZone(call: GraphCall): OutputZone | null {
  const prefer = header(call.req.headers, "prefer") ?? "";
  const match = /outlook\.timezone\s*=\s*(?:"([^"]*)"|([^,;\s]+))/i.exec(prefer);
  if (!match) return { zone: UTC_ZONE, headers: {} };
  const label = match[1] ?? match[2] ?? "";
  const zone = resolveZone(label);
  if (!zone) {
    graphError(call.res, call.ids, 400, ZONE_NOT_SUPPORTED, zoneNotSupportedMessage(label));
    return null;
  }
  return { zone, headers: { "preference-applied": `outlook.timezone="${label}"` } };
}

/** $select as a list of property names (undefined: every default property); unknown names are a 400. */
export function readSelect(call: GraphCall, known: readonly string[], typeName: string): { names: string[] | undefined } | null {
  const select = call.req.query.get("$select");
  if (!select) return { names: undefined };
  const names = select.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown) {
    graphError(call.res, call.ids, 400, "BadRequest", `Could not find a property named '${unknown}' on type '${typeName}'.`);
    return null;
  }
  return { names };
}

/** Keeps the selected properties; `always` (id, @odata.etag) come back whatever was selected, as at Graph. */
export function pick(all: Record<string, unknown>, names: string[] | undefined, always: string[] = []): Record<string, unknown> {
  if (!names) return all;
  const keep = new Set([...always, ...names]);
  return Object.fromEntries(Object.entries(all).filter(([name]) => keep.has(name)));
}

/** A query option by name, case-insensitively (Graph accepts startdatetime as well as startDateTime). */
export function queryValue(call: GraphCall, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of call.req.query) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** $top or $skip as a number (undefined: not sent); anything but an integer from `minimum` is a 400. */
export function integerOption(call: GraphCall, name: "$top" | "$skip", minimum: number): number | undefined | null {
  const raw = call.req.query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < minimum) {
    graphError(call.res, call.ids, 400, "BadRequest", `Invalid value '${raw}' for ${name} query option found.`);
    return null;
  }
  return value;
}

/** The same URL with $skip moved on: absolute, on the emulator's origin, every other option kept. */
export function nextLink(call: GraphCall, skip: number): string {
  const query = new URLSearchParams(call.req.query);
  query.set("$skip", String(skip));
  return `${call.ctx.graphUrl}${call.req.path}?${query.toString().replaceAll("%24", "$")}`;
}
