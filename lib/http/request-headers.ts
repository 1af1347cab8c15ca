export const REQUEST_ID_HEADER = "x-request-id";

/** Accept a load balancer's request id when it is a plain token; anything else is replaced. */
export function requestIdFrom(incoming: string | null): string {
  if (incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming)) return incoming;
  return crypto.randomUUID();
}

/** The path (and query) of the page being rendered, so a page can send a signed-out visitor back to it. */
export const CURRENT_PATH_HEADER = "x-hub-path";
