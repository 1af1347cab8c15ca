import "server-only";
import { office365 } from "./office365";
import type { Integration } from "./types";

/** Every integration the hub lists. Adding one: a folder under lib/integrations/ and a line here. */
export const INTEGRATIONS: readonly Integration[] = [office365];

export function findIntegration(slug: string): Integration | undefined {
  return INTEGRATIONS.find((integration) => integration.slug === slug);
}
