import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * For the emulator's own tests: a tiny plain-http subscriber on localhost standing in for the hub. It answers
 * validation requests with the decoded token (or refuses them) and change or lifecycle notifications with a chosen
 * status after a chosen delay, and keeps what it received.
 */

export interface Received {
  path: string;
  validationToken: string | null;
  contentType: string | undefined;
  body: string;
  json: { value?: Record<string, unknown>[] } | undefined;
}

export interface TestHub {
  url: (path?: string) => string;
  received: Received[];
  /** Change and lifecycle notifications received (not validation requests). */
  notifications: () => Record<string, unknown>[];
  behaviour: { validation: "echo" | "refuse" | "wrong"; status: number; delayMs: number };
  close: () => Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const received: Received[] = [];
  const behaviour: TestHub["behaviour"] = { validation: "echo", status: 202, delayMs: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = Buffer.concat(chunks).toString("utf8");
      const token = url.searchParams.get("validationToken");
      let json: Received["json"];
      try {
        json = body ? (JSON.parse(body) as Received["json"]) : undefined;
      } catch {
        json = undefined;
      }
      received.push({ path: url.pathname, validationToken: token, contentType: req.headers["content-type"], body, json });
      if (token !== null) {
        if (behaviour.validation === "refuse") return res.writeHead(404).end();
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(behaviour.validation === "echo" ? token : encodeURIComponent(token));
      }
      setTimeout(() => res.writeHead(behaviour.status).end(), behaviour.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = "/notifications") => `http://127.0.0.1:${port}${path}`,
    received,
    notifications: () => received.filter((entry) => entry.validationToken === null).flatMap((entry) => entry.json?.value ?? []),
    behaviour,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` passes (or `ms` run out, then throws its last error). */
export async function eventually(check: () => void | Promise<void>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
