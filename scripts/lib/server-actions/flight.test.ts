import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionResult, encodeReply, parseFlight } from "./flight";

/** What Next.js sends for a server action's result, encoded by React's own flight server (the installed version). */
function encodedByReact(result: string): Buffer {
  const script = `
    const { renderToPipeableStream } = require("next/dist/compiled/react-server-dom-webpack/server.node");
    const { Writable } = require("node:stream");
    const result = (${result});
    const chunks = [];
    renderToPipeableStream({ a: Promise.resolve(result), f: "", b: "build-id", q: "", i: false }, null, {}).pipe(
      new Writable({ write(chunk, _encoding, done) { chunks.push(Buffer.from(chunk)); done(); }, final(done) { process.stdout.write(Buffer.concat(chunks)); done(); } }),
    );`;
  return execFileSync(process.execPath, ["--conditions=react-server", "--input-type=commonjs", "-e", script], {
    env: { ...process.env, NODE_ENV: "production" },
  });
}

describe("reading a server action's flight answer", () => {
  it("gives back what the action returned, as React encoded it", () => {
    const body = encodedByReact(`(() => {
      const busy = { start: "2029-11-05T09:00:00+00:00", end: "2029-11-05T09:30:00+00:00", status: "busy" };
      return { ok: true, data: { label: "$ign", note: undefined, when: new Date("2029-11-05T09:00:00Z"), long: "é".repeat(1500),
        busy: [busy, busy], again: { busy }, zero: -0, none: null, flags: [true, false] } };
    })()`);
    expect(body.toString("utf8")).toMatch(/^0:\{"a":"\$@1"/);
    expect(body.toString("utf8")).toContain(":T"); // the long string travels as a text row
    const result = actionResult(body) as { ok: boolean; data: Record<string, unknown> };
    const busy = { start: "2029-11-05T09:00:00+00:00", end: "2029-11-05T09:30:00+00:00", status: "busy" };
    expect(result).toEqual({
      ok: true,
      data: { label: "$ign", when: new Date("2029-11-05T09:00:00Z"), long: "é".repeat(1500), busy: [busy, busy], again: { busy }, zero: -0, none: null, flags: [true, false] },
    });
    expect("note" in result.data).toBe(false);
  });

  it("reads a text row followed at once by the next row, and refuses what it cannot represent", () => {
    const text = "a\nb";
    const body = Buffer.from(`0:{"a":"$@1"}\n2:T${Buffer.byteLength(text).toString(16)},${text}1:{"ok":true,"data":"$2"}\n`);
    expect(actionResult(body)).toEqual({ ok: true, data: "a\nb" });
    expect(() => parseFlight(Buffer.from('0:{"a":"$@1"}\n1:E{"digest":"123"}\n'))).toThrow(/error \(digest 123\)/);
    expect(() => parseFlight(Buffer.from('0:{"a":"$L1"}\n1:I["x",[],"y"]\n'))).toThrow(/does not read/);
    expect(() => parseFlight(Buffer.from('0:{"a":"$@5"}\n'))).toThrow(/does not contain/);
    expect(() => actionResult(Buffer.from("0:[1,2]\n"))).toThrow(/not a server action's result/);
  });

  it("reads rows with nothing to revive as they were parsed, references into them included", () => {
    const periods = Array.from({ length: 300 }, (_, i) => ({ start: `2029-11-05T09:${String(i % 60).padStart(2, "0")}:00+00:00`, status: i % 2 ? "busy" : "free" }));
    const body = encodedByReact(`({ ok: true, data: { periods: ${JSON.stringify(periods)} } })`);
    expect(body.toString("utf8").split("\n")[1]).not.toContain('"$');
    expect(actionResult(body)).toEqual({ ok: true, data: { periods } });
    // A "$" after a quote inside a string is not a reference: the row is revived, and reads the same.
    const quoted = encodedByReact(`({ ok: true, data: { note: 'costs "$5"', periods: ${JSON.stringify(periods.slice(0, 2))} } })`);
    expect(actionResult(quoted)).toEqual({ ok: true, data: { note: 'costs "$5"', periods: periods.slice(0, 2) } });
    // A part of a row referred to twice is one value, as React's own client gives it.
    const shared = parseFlight(Buffer.from('0:{"a":"$1","b":"$1:data:list"}\n1:{"data":{"list":[1,2]}}\n')) as { a: { data: { list: number[] } }; b: number[] };
    expect(shared.b).toEqual([1, 2]);
    expect(shared.b).toBe(shared.a.data.list);
  });

  it("encodes arguments as React's encodeReply does for plain JSON", async () => {
    const react = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node") as {
      encodeReply: (value: unknown) => Promise<string | FormData>;
    };
    const args = [{ accountId: "a1", subject: "$5 lunch", calendars: [{ accountId: "b2" }], slotMinutes: 30 }];
    expect(encodeReply(args)).toBe('[{"accountId":"a1","subject":"$$5 lunch","calendars":[{"accountId":"b2"}],"slotMinutes":30}]');
    expect(encodeReply(args)).toBe(await react.encodeReply(args));
  });
});
