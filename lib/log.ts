/**
 * Server logs: one JSON object per line. Values under keys that can hold credentials are replaced before anything is
 * written, and so are strings that look like bearer tokens or JWTs, wherever they appear.
 */
type Level = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const SENSITIVE_KEY =
  /pass(word)?|secret|token|authori[sz]ation|cookie|assertion|code_?verifier|^code$|^nonce$|^state$|api_?key|private/i;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/-]+=*/gi;
const ENVELOPE = /enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+/g;
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

export const REDACTED = "[redacted]";

export function redactText(text: string): string {
  return text.replace(JWT, REDACTED).replace(BEARER, `Bearer ${REDACTED}`).replace(ENVELOPE, REDACTED).replace(PEM_PRIVATE_KEY, REDACTED);
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[nested]";
  if (typeof value === "string") return redactText(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(typeof code === "string" ? { code } : {}),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof URL) return redactUrl(value);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(item, depth + 1);
    }
    return out;
  }
  return value;
}

/** A URL with its query values hidden: callback URLs carry authorization codes and state. */
export function redactUrl(url: URL | string): string {
  const parsed = typeof url === "string" ? new URL(url, "http://localhost") : url;
  const names = [...new Set(parsed.searchParams.keys())];
  const query = names.length ? `?${names.map((name) => `${name}=${REDACTED}`).join("&")}` : "";
  return typeof url === "string" && !/^[a-z]+:/i.test(url) ? `${parsed.pathname}${query}` : `${parsed.origin}${parsed.pathname}${query}`;
}

export function formatLine(level: Level, msg: string, fields: LogFields = {}): string {
  return JSON.stringify({ time: new Date().toISOString(), level, msg: redactText(msg), ...(redact(fields) as LogFields) });
}

function write(level: Level, msg: string, fields?: LogFields) {
  const line = formatLine(level, msg, fields) + "\n";
  if (level === "error" || level === "warn") process.stderr.write(line);
  else process.stdout.write(line);
}

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
};

export function createLogger(bound: LogFields = {}): Logger {
  const at = (level: Level) => (msg: string, fields?: LogFields) => {
    if (level === "debug" && !process.env.HUB_DEBUG) return;
    write(level, msg, { ...bound, ...fields });
  };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (fields) => createLogger({ ...bound, ...fields }),
  };
}

export const log = createLogger();
