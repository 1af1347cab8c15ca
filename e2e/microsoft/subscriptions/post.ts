import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * One POST to a subscriber's endpoint, with a deadline. No connection pooling (agent: false), and every request in
 * flight is tracked, so a reset or the emulator's close can end them: no socket outlives the emulator.
 */

export type PostResult = { status: number; body: string; contentType: string; ms: number } | { error: string; ms: number };

export class OutgoingPosts {
  private readonly inFlight = new Set<ClientRequest>();

  post(url: string, body: string, contentType: string, timeoutMs: number): Promise<PostResult> {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return resolve({ error: "invalid URL", ms: 0 });
      }
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const req = send(target, {
        method: "POST",
        agent: false,
        headers: { "content-type": contentType, "content-length": Buffer.byteLength(body) },
      });
      this.inFlight.add(req);
      const timer = setTimeout(() => req.destroy(new Error("timeout")), timeoutMs);
      let done = false;
      const finish = (result: PostResult) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.inFlight.delete(req);
        resolve(result);
      };
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), contentType: res.headers["content-type"] ?? "", ms: elapsed() }),
        );
        res.on("error", (error) => finish({ error: error.message, ms: elapsed() }));
        res.on("close", () => finish({ error: "connection closed", ms: elapsed() }));
      });
      req.on("error", (error) => finish({ error: error.message === "timeout" ? "timeout" : error.message, ms: elapsed() }));
      req.end(body);
    });
  }

  /** Ends every POST still waiting for an answer. */
  abortAll(): void {
    for (const req of this.inFlight) req.destroy(new Error("emulator stopped"));
    this.inFlight.clear();
  }
}
