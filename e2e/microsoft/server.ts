import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { ensureCertificate } from "./certificate";
import type { EmulatorContext } from "./context";
import type { Service } from "./control-types";
import { handleControl } from "./control";
import { serveGraph } from "./graph/pipeline";
import { graphIds } from "./graph/responses";
import { sendJson, toEmulatorRequest } from "./http";
import { handleLogin } from "./login";
import { createSigningKey } from "./signing-key";
import { EmulatorState } from "./state";

/**
 * The Microsoft emulator: one HTTPS port serving the identity platform under /login, Microsoft Graph under /graph
 * and a test-only control API under /_emulator. See e2e/microsoft/README.md.
 */
export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default "localhost" (listens on 127.0.0.1 and, when available, ::1). */
  hostname?: string;
  /** Where the certificate and its key live (created on first start, reused afterwards). */
  stateDir: string;
  /** Registered on every seeded app. */
  redirectUris?: string[];
}

export interface Emulator {
  /** e.g. https://localhost:8443 */
  origin: string;
  /** origin + "/login": use as MICROSOFT_LOGIN_URL. */
  loginUrl: string;
  /** origin + "/graph": use as MICROSOFT_GRAPH_URL. */
  graphUrl: string;
  /** The certificate to trust: NODE_EXTRA_CA_CERTS=<certFile>. */
  certFile: string;
  close(): Promise<void>;
  state: EmulatorState;
}

const SERVICES: { prefix: string; service: Exclude<Service, "other"> }[] = [
  { prefix: "/login", service: "login" },
  { prefix: "/graph", service: "graph" },
];

async function handle(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", ctx.origin);
  const pathname = url.pathname;
  if (pathname === "/_emulator" || pathname.startsWith("/_emulator/")) {
    const request = await toEmulatorRequest(req, pathname.slice("/_emulator".length) || "/", url.searchParams);
    return handleControl(ctx, request, res);
  }

  const known = SERVICES.find(({ prefix }) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  const service: Service = known?.service ?? "other";
  const path = known ? pathname.slice(known.prefix.length) || "/" : pathname;
  const request = await toEmulatorRequest(req, path, url.searchParams);
  ctx.state.requests.record(service, request, res);

  if (service === "login") {
    return ctx.state.faults.run("login", request, res, (sink) => handleLogin(ctx, request, sink), { loginUrl: ctx.loginUrl });
  }
  if (service === "graph") return serveGraph(ctx, request, res, graphIds(request));
  sendJson(res, 404, { error: "The emulator serves /login, /graph and /_emulator only." });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * "localhost" resolves to 127.0.0.1 or ::1 depending on the client; listen on both so every client finds the
 * emulator. With port 0, the IPv6 socket takes the port the IPv4 one was given.
 */
async function listenAll(makeServer: () => Server, port: number, hostname: string): Promise<{ servers: Server[]; port: number }> {
  if (hostname !== "localhost") {
    const server = makeServer();
    return { servers: [server], port: await listen(server, port, hostname) };
  }
  for (let attempt = 0; ; attempt++) {
    const v4 = makeServer();
    const actualPort = await listen(v4, port, "127.0.0.1");
    const v6 = makeServer();
    try {
      await listen(v6, actualPort, "::1");
      return { servers: [v4, v6], port: actualPort };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT") return { servers: [v4], port: actualPort };
      await closeServer(v4);
      if (code !== "EADDRINUSE" || port !== 0 || attempt >= 5) throw error;
    }
  }
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const hostname = options.hostname ?? "localhost";
  const certificate = await ensureCertificate(options.stateDir);
  const state = new EmulatorState([...(options.redirectUris ?? [])], await createSigningKey());
  // Set once listening: the origin (and so every URL the emulator hands out) depends on the port.
  const ready: { context?: EmulatorContext } = {};

  const makeServer = () =>
    createServer({ cert: certificate.cert, key: certificate.key }, (req, res) => {
      const context = ready.context;
      if (!context) return sendJson(res, 503, { error: "The emulator is starting." });
      handle(context, req, res).catch((error: unknown) => {
        console.error("[microsoft-emulator]", error);
        if (!res.headersSent) sendJson(res, 500, { error: "emulator_error", error_description: String(error) });
        else res.destroy();
      });
    });

  const { servers, port } = await listenAll(makeServer, options.port ?? 0, hostname);
  const host = hostname.includes(":") ? `[${hostname}]` : hostname;
  const origin = `https://${host}:${port}`;
  const context: EmulatorContext = { state, origin, loginUrl: `${origin}/login`, graphUrl: `${origin}/graph` };
  ready.context = context;

  return {
    origin,
    loginUrl: context.loginUrl,
    graphUrl: context.graphUrl,
    certFile: certificate.certFile,
    state,
    close: async () => {
      state.close();
      await Promise.all(servers.map(closeServer));
    },
  };
}
