/**
 * Response headers that protect the hub's pages. The Content-Security-Policy is built per request in proxy.ts, with
 * a fresh nonce: Next.js reads the nonce from the request's policy header and puts it on its own scripts, so no other
 * inline script can run.
 */
export function contentSecurityPolicy(
  nonce: string,
  { development = false, https = false, formTargets = [] as string[] } = {},
): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonce-bearing bootstrap load its chunks; development needs eval for fast refresh.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are set by React and Next's route announcer; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Connect account posts to the hub, which redirects to Microsoft's sign-in: browsers check form-action on that
    // redirect too, so the sign-in hosts are allowed as targets.
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** For responses that never carry HTML of ours (static files): nothing may run or frame them. */
export const STATIC_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

export function staticSecurityHeaders(): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

/** Sent on every response when the hub's public URL is https (scripts/serve.ts): two years, subdomains included. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
