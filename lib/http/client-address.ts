/**
 * The client's address, for sign-in throttling. X-Forwarded-For is written by whoever sends the request, so only the
 * entries appended by the site's own reverse proxies (HUB_TRUSTED_PROXIES of them, the right-most) can be believed:
 * the client is the hop just before them, or the connection's address when there is no proxy.
 */
export function clientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedProxies: number): string {
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...listed, socketAddress || "unknown"];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}
