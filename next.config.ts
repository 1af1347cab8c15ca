import type { NextConfig } from "next";
import { STATIC_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Answers are compressed by scripts/serve.ts, at a cheaper level than Next.js's (it says why).
  compress: false,
  // The database drivers (better-sqlite3 is a native module; pg has optional native parts): loaded from node_modules at
  // run time rather than bundled.
  serverExternalPackages: ["better-sqlite3", "pg"],
  async headers() {
    // The Content-Security-Policy (with its per-request nonce) is set in proxy.ts; these apply to every response,
    // static files included.
    return [
      { source: "/:path*", headers: staticSecurityHeaders() },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: STATIC_CONTENT_SECURITY_POLICY }] },
      { source: "/favicon.ico", headers: [{ key: "Content-Security-Policy", value: STATIC_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
