import "server-only";
import type { DateTime } from "luxon";
import { HubError, type Audience, type PublicError } from "../errors";
import { freeForWhole } from "./availability";
import { listResources, summariseResource, type Resource, type ResourceSummary, type Viewer } from "./resources";
import type { ResourceFilters } from "./schemas";

/**
 * Find a room: the resources the viewer may book, matching the filters, that are free for the whole interval under
 * their rules — best capacity fit first (the smallest that seats everyone; rooms without a capacity last) — and, apart,
 * those whose availability could not be read (never offered as free).
 */
export const MAX_CANDIDATES = 200;

export type FreeResources = { free: ResourceSummary[]; unknown: (ResourceSummary & { error: PublicError })[] };

export function byCapacityFit(a: Pick<Resource, "capacity" | "name">, b: Pick<Resource, "capacity" | "name">): number {
  if (a.capacity !== b.capacity) {
    if (a.capacity === null) return 1;
    if (b.capacity === null) return -1;
    return a.capacity - b.capacity;
  }
  return a.name.localeCompare(b.name);
}

export async function findFreeResources(
  viewer: Viewer,
  request: ResourceFilters & { start: DateTime; end: DateTime; onBookingPage?: boolean },
): Promise<FreeResources> {
  const candidates = (await listResources(viewer, request)).filter((resource) => !request.onBookingPage || resource.showOnBookingPage);
  // Bounded work: each candidate is a mailbox to ask Microsoft about.
  if (candidates.length > MAX_CANDIDATES) {
    throw new HubError(
      "invalid_input",
      { message: `${candidates.length} resources match, more than the ${MAX_CANDIDATES} the hub asks Microsoft about at once. Choose a building, a kind or a number of people.` },
      { field: "building" },
    );
  }
  const audience: Audience = viewer.role === "admin" ? "admin" : "staff";
  const { free, unknown } = await freeForWhole(candidates, request.start, request.end, audience);
  return {
    free: free.sort(byCapacityFit).map(summariseResource),
    unknown: unknown.map(({ resource, error }) => ({ ...summariseResource(resource), error })),
  };
}
