import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { formatLine, redact } from "../../lib/log";

/**
 * Next.js prints some lines of its own (the start-up banner, build output). JSON lines pass through redacted (the
 * hub's own are already; a library's might not be) and anything else is wrapped as a redacted JSON object, so the
 * server's log stays one JSON object per line.
 */
export function pipeAsJsonLines(input: Readable, output: Writable, level: "info" | "warn") {
  createInterface({ input }).on("line", (raw) => {
    // Colour codes mean nothing in a log collector.
    const line = raw.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
    if (line.trim() === "") return;
    if (line.startsWith("{")) {
      try {
        output.write(JSON.stringify(redact(JSON.parse(line))) + "\n");
        return;
      } catch {
        // not JSON after all: wrap it below
      }
    }
    output.write(formatLine(level, line.trim(), { source: "next" }) + "\n");
  });
}
