import { PassThrough } from "node:stream";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { pipeAsJsonLines } from "./json-lines";

async function pipe(lines: string[]): Promise<Record<string, unknown>[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  const written: string[] = [];
  output.on("data", (chunk: Buffer) => written.push(chunk.toString()));
  pipeAsJsonLines(input, output, "info");
  input.end(lines.join("\n") + "\n");
  await once(input, "end");
  await new Promise((resolve) => setImmediate(resolve));
  return written.join("").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the server's output as JSON lines", () => {
  it("wraps plain lines and redacts JSON lines printed by libraries", async () => {
    const [banner, library] = await pipe([
      "\u001b[32m▲ Next.js 16\u001b[0m ready with Authorization: Bearer abc.def.ghi",
      JSON.stringify({ level: "info", msg: "library", refresh_token: "0.AAAA-secret", nested: { client_secret: "Emu8Q~value" } }),
    ]);
    expect(banner).toMatchObject({ level: "info", source: "next" });
    expect(String(banner?.msg)).toContain("▲ Next.js 16");
    expect(String(banner?.msg)).not.toContain("abc.def.ghi");
    expect(library).toMatchObject({ msg: "library", refresh_token: "[redacted]", nested: { client_secret: "[redacted]" } });
  });
});
