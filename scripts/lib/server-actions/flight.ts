/**
 * Reads a React Server Components ("flight") answer, the body a server action sends back to the browser
 * (`content-type: text/x-component`), into plain values: what React's own client (react-server-dom-webpack's
 * processBinaryChunk and parseModelString) would give for JSON-like data. Rows that only a browser uses (module
 * imports, hints) are skipped; anything the bench cannot represent (elements, streams, server references) is an error,
 * never a guess.
 *
 * The request side is encodeReply's: for JSON-like arguments, their JSON text.
 *
 * A row is `<hex id>:<tag><data>`: JSON rows end at a newline, text and binary rows (`T`, typed arrays) say their
 * byte length (`<hex length>,`) and have no newline.
 */

type Row = { tag: string; data: Buffer };

const LENGTH_PREFIXED = new Set("TAOobUSsLlGgMmV");
const isRowTagWithoutLength = (byte: number) => (byte > 64 && byte < 91) || byte === 35 || byte === 114 || byte === 120;

export function flightRows(body: Uint8Array): Map<number, Row> {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const rows = new Map<number, Row>();
  let at = 0;
  while (at < bytes.length) {
    if (bytes[at] === 10) {
      at++;
      continue;
    }
    const colon = bytes.indexOf(58, at);
    if (colon < 0) throw new Error(`Malformed flight answer: no row id at byte ${at}`);
    const id = parseInt(bytes.toString("latin1", at, colon), 16);
    if (Number.isNaN(id)) throw new Error(`Malformed flight answer: bad row id at byte ${at}`);
    at = colon + 1;
    const first = bytes[at] ?? 10;
    let tag = "";
    let end: number;
    if (LENGTH_PREFIXED.has(String.fromCharCode(first))) {
      tag = String.fromCharCode(first);
      const comma = bytes.indexOf(44, at + 1);
      if (comma < 0) throw new Error(`Malformed flight answer: row ${id} has no length`);
      const length = parseInt(bytes.toString("latin1", at + 1, comma), 16);
      at = comma + 1;
      end = at + length;
      if (end > bytes.length) throw new Error(`Truncated flight answer: row ${id} wants ${length} bytes`);
    } else {
      if (isRowTagWithoutLength(first)) {
        tag = String.fromCharCode(first);
        at++;
      }
      const newline = bytes.indexOf(10, at);
      end = newline < 0 ? bytes.length : newline;
    }
    rows.set(id, { tag, data: bytes.subarray(at, end) });
    at = end;
  }
  return rows;
}

/** The value of row 0 (the root), with every reference to another row (or to a part of one) resolved. */
export function parseFlight(body: Uint8Array): unknown {
  const rows = flightRows(body);
  const raw = new Map<number, unknown>();
  // JSON rows in which no string starts with "$" (their text has no `"$` at all): nothing in them to revive, so they
  // are answered as parsed instead of copied value by value (an availability answer is thousands of plain objects).
  const plain = new Set<number>();
  let depth = 0;

  // A row as sent: JSON not yet revived (references point into it by the keys it was sent with), or text.
  const rawRow = (id: number): unknown => {
    if (raw.has(id)) return raw.get(id);
    const row = rows.get(id);
    if (!row) throw new Error(`The flight answer refers to row ${id.toString(16)}, which it does not contain`);
    let value: unknown;
    if (row.tag === "T") value = row.data.toString("utf8");
    else if (row.tag === "E") {
      const error = JSON.parse(row.data.toString("utf8")) as { digest?: string; message?: string };
      throw new Error(`The server answered with an error (digest ${error.digest ?? "none"}): ${error.message ?? "no message in production"}`);
    } else if (row.tag === "") {
      value = JSON.parse(row.data.toString("utf8"));
      if (row.data.indexOf('"$') < 0) plain.add(id);
    }
    else throw new Error(`The flight answer's row ${id.toString(16)} is of a kind the bench does not read ('${row.tag}')`);
    raw.set(id, value);
    return value;
  };

  const isReference = (value: unknown): boolean => typeof value === "string" && /^\$@?[0-9a-f]/.test(value);

  // "$1", "$@1" or "$1:data:busy:0": a row, or a value inside one (React sends an object seen twice once).
  const reference = (text: string): unknown => {
    if (++depth > 10_000) throw new Error("The flight answer's references go round in a circle");
    const [id = "", ...path] = text.replace(/^\$@?/, "").split(":");
    const row = parseInt(id, 16);
    let value = rawRow(row);
    for (const key of path) {
      while (isReference(value)) value = rawOf(value as string);
      value = (value as Record<string, unknown>)[key];
    }
    // (A plain row holds no references, so a path into it never leaves it.)
    const revived = plain.has(row) ? value : revive(value);
    depth--;
    return revived;
  };
  const rawOf = (text: string): unknown => {
    const [id = "", ...path] = text.replace(/^\$@?/, "").split(":");
    return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], rawRow(parseInt(id, 16)));
  };

  const reviveString = (value: string): unknown => {
    if (value[0] !== "$") return value;
    if (isReference(value)) return reference(value);
    const rest = value.slice(2);
    switch (value[1]) {
      case "$":
        return value.slice(1);
      case "u":
        return undefined;
      case "D":
        return new Date(Date.parse(rest));
      case "n":
        return BigInt(rest);
      case "I":
        return Infinity;
      case "-":
        return value === "$-0" ? -0 : -Infinity;
      case "N":
        return NaN;
      case "Q":
        return new Map(reference(`$${rest}`) as [unknown, unknown][]);
      case "W":
        return new Set(reference(`$${rest}`) as unknown[]);
      default:
        throw new Error(`The flight answer holds a value the bench does not read: ${JSON.stringify(value.slice(0, 40))}`);
    }
  };

  const revive = (value: unknown): unknown => {
    if (typeof value === "string") return reviveString(value);
    if (Array.isArray(value)) return value.map(revive);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(value)) {
        const revived = revive(entry);
        // React's client leaves out keys whose value is undefined ("$undefined"), as JSON would.
        if (revived !== undefined) out[key] = revived;
      }
      return out;
    }
    return value;
  };

  return reference("$0");
}

/** What a server action returned: Next.js sends `{ a: <the action's result>, f: <flight data>, b: <build id>, … }`. */
export function actionResult(body: Uint8Array): unknown {
  const root = parseFlight(body);
  if (root === null || typeof root !== "object" || !("a" in root)) {
    throw new Error(`The answer is not a server action's result: ${JSON.stringify(root)?.slice(0, 200)}`);
  }
  return (root as { a: unknown }).a;
}

/** React's encodeReply for JSON-like arguments: their JSON, with strings that start with "$" escaped as "$$…". */
export function encodeReply(args: unknown[]): string {
  return JSON.stringify(args, (_key, value: unknown) => (typeof value === "string" && value.startsWith("$") ? `$${value}` : value));
}
