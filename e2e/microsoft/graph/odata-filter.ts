/**
 * A small OData $filter (https://learn.microsoft.com/graph/filter-query-parameter) for the Places routes, which
 * document $filter without listing what it supports: comparisons (eq, ne, gt, ge, lt, le) of a property with a
 * literal ('text', numbers, true, false, null), startswith(property,'text'), and / or / not and parentheses.
 * Text compares case-insensitively, as Exchange does. Anything else is refused with Graph's "Invalid filter clause".
 */

type Literal = string | number | boolean | null;
type Node =
  | { kind: "compare"; op: CompareOp; property: string; value: Literal }
  | { kind: "startswith"; property: string; value: string }
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; operand: Node };

const COMPARE_OPS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
type CompareOp = (typeof COMPARE_OPS)[number];

type Token = { kind: "word" | "string" | "number" | "punct"; text: string; at: number };

class FilterError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if ("(),".includes(char)) {
      tokens.push({ kind: "punct", text: char, at: i++ });
    } else if (char === "'") {
      const at = i++;
      let value = "";
      for (;;) {
        if (i >= text.length) throw new FilterError(`unterminated string literal at position ${at}`);
        // '' is a quote inside a string literal.
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else {
          value += text[i++];
        }
      }
      tokens.push({ kind: "string", text: value, at });
    } else {
      const match = /^-?\d+(\.\d+)?|^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      if (!match) throw new FilterError(`syntax error at position ${i}`);
      tokens.push({ kind: /^-?\d/.test(match[0]) ? "number" : "word", text: match[0], at: i });
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly properties: readonly string[],
    private readonly typeName: string,
  ) {}

  parse(): Node {
    const node = this.or();
    const extra = this.tokens[this.position];
    if (extra) throw new FilterError(`syntax error at position ${extra.at}`);
    return node;
  }

  private peekWord(...words: string[]): boolean {
    const token = this.tokens[this.position];
    return token?.kind === "word" && words.includes(token.text.toLowerCase());
  }

  private next(what: string): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new FilterError(`expected ${what} at the end`);
    return token;
  }

  private expect(punct: string): void {
    const token = this.next(`'${punct}'`);
    if (token.kind !== "punct" || token.text !== punct) throw new FilterError(`expected '${punct}' at position ${token.at}`);
  }

  private or(): Node {
    let left = this.and();
    while (this.peekWord("or")) {
      this.position++;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.peekWord("and")) {
      this.position++;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.peekWord("not")) {
      this.position++;
      return { kind: "not", operand: this.unary() };
    }
    const token = this.next("an expression");
    if (token.kind === "punct" && token.text === "(") {
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    if (token.kind !== "word") throw new FilterError(`syntax error at position ${token.at}`);
    if (token.text.toLowerCase() === "startswith") {
      this.expect("(");
      const property = this.property(this.next("a property"));
      this.expect(",");
      const value = this.literal(this.next("a string"));
      this.expect(")");
      if (typeof value !== "string") throw new FilterError("startswith takes a property and a string");
      return { kind: "startswith", property, value };
    }
    const property = this.property(token);
    const op = this.next("an operator");
    const name = op.text.toLowerCase() as CompareOp;
    if (op.kind !== "word" || !COMPARE_OPS.includes(name)) throw new FilterError(`operator '${op.text}' is not supported`);
    return { kind: "compare", op: name, property, value: this.literal(this.next("a value")) };
  }

  private property(token: Token): string {
    const name = this.properties.find((candidate) => candidate.toLowerCase() === token.text.toLowerCase());
    if (token.kind !== "word" || !name) {
      throw new FilterError(`Could not find a property named '${token.text}' on type '${this.typeName}'`);
    }
    return name;
  }

  private literal(token: Token): Literal {
    if (token.kind === "string") return token.text;
    if (token.kind === "number") return Number(token.text);
    const word = token.text.toLowerCase();
    if (token.kind === "word" && (word === "true" || word === "false")) return word === "true";
    if (token.kind === "word" && word === "null") return null;
    throw new FilterError(`expected a value at position ${token.at}`);
  }
}

const fold = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);

function compare(op: CompareOp, actual: unknown, expected: Literal): boolean {
  const a = fold(actual ?? null);
  const b = fold(expected);
  if (op === "eq") return a === b;
  if (op === "ne") return a !== b;
  // Ordering against null, or between different types, is never true.
  if (a === null || b === null || typeof a !== typeof b) return false;
  const [x, y] = [a as string | number, b as string | number];
  if (op === "gt") return x > y;
  if (op === "ge") return x >= y;
  if (op === "lt") return x < y;
  return x <= y;
}

function evaluate(node: Node, item: Record<string, unknown>): boolean {
  switch (node.kind) {
    case "compare":
      return compare(node.op, item[node.property], node.value);
    case "startswith": {
      const value = item[node.property];
      return typeof value === "string" && value.toLowerCase().startsWith(node.value.toLowerCase());
    }
    case "and":
      return evaluate(node.left, item) && evaluate(node.right, item);
    case "or":
      return evaluate(node.left, item) || evaluate(node.right, item);
    case "not":
      return !evaluate(node.operand, item);
  }
}

export type ItemFilter = (item: Record<string, unknown>) => boolean;

/** The filter as a predicate over items' JSON, or the message of Graph's 400. */
export function parseFilter(text: string, properties: readonly string[], typeName: string): { filter: ItemFilter } | { error: string } {
  try {
    const node = new Parser(tokenize(text), properties, typeName).parse();
    return { filter: (item) => evaluate(node, item) };
  } catch (error) {
    if (!(error instanceof FilterError)) throw error;
    return { error: error.message.startsWith("Could not find") ? `${error.message}.` : `Invalid filter clause: ${error.message}.` };
  }
}
