// Serves the built hub: Next.js's request handler behind Node's HTTP server (started by scripts/start.ts).
//
// WHY not `next start`: Next.js keeps an X-Forwarded-For header the client wrote itself, so the sign-in throttle's
// per-client limit could be dodged by sending a new made-up address each time. Here the header is replaced, before
// Next.js sees it, by the one address that can be believed (lib/http/client-address.ts).
//
// WHY compression here, not Next.js's own (`compress: false` in next.config.ts): Next.js gzips every answer at zlib's
// default level 6, and it cannot be told otherwise. A server action's answer is made afresh each time, and the
// biggest (getAvailability for 20 rooms over a month, 424 KB of text) took about 10 ms of the hub's CPU to compress,
// a quarter of the call. The same library Next.js uses (`compression`, expressjs's) is used here at zlib's fastest
// level, nginx's default: that answer is 39 KB instead of 21 KB, in about a quarter of the time. Browsers, which accept
// Brotli, get it at the library's quality 4 (17 KB, faster still). Streaming pages still flush as they render.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { constants as zlib } from "node:zlib";
import compression from "compression";
import next from "next";
import { readEnvironment } from "../lib/config";
import { clientAddress } from "../lib/http/client-address";
import { STRICT_TRANSPORT_SECURITY } from "../lib/http/security-headers";
import { log } from "../lib/log";

const env = readEnvironment();
const app = next({ dev: false, dir: process.cwd(), port: env.port });
const handle = app.getRequestHandler();
await app.prepare();

// Browsers that have seen the hub over https refuse plain http to it from then on (and to its subdomains).
const strictTransport = env.publicUrl.startsWith("https://") ? STRICT_TRANSPORT_SECURITY : null;

const compress = compression({ level: zlib.Z_BEST_SPEED }) as unknown as (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

const server = createServer((request, response) => {
  if (strictTransport) response.setHeader("Strict-Transport-Security", strictTransport);
  request.headers["x-forwarded-for"] = clientAddress(request.headers["x-forwarded-for"], request.socket.remoteAddress, env.trustedProxies);
  delete request.headers["x-real-ip"];
  // With no proxy in front, the other forwarding headers are the client's own words too: Next.js sets them itself.
  if (env.trustedProxies === 0) {
    for (const name of ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"]) delete request.headers[name];
  }
  compress(request, response, () => void handle(request, response));
});
server.listen(env.port, () => log.info("server.ready", { port: env.port, trustedProxies: env.trustedProxies }));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
