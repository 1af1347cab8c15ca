import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { formatLine } from "../../lib/log";

/**
 * Next.js prints some lines of its own (the start-up banner, build output). Pass JSON lines through and wrap anything
 * else as a JSON object, redacted, so the server's log stays one JSON object per line.
 */
export function pipeAsJsonLines(input: Readable, output: Writable, level: "info" | "warn") {
  createInterface({ input }).on("line", (raw) => {
    // Colour codes mean nothing in a log collector.
    const line = raw.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
    if (line.trim() === "") return;
    if (line.startsWith("{")) {
      try {
        JSON.parse(line);
        output.write(line + "\n");
        return;
      } catch {
        // not JSON after all: wrap it below
      }
    }
    output.write(formatLine(level, line.trim(), { source: "next" }) + "\n");
  });
}
