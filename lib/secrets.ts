import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The two secrets the hub cannot run without: AUTH_SECRET (signs session cookies) and the encryption key for secrets
 * and tokens at rest (HUB_ENCRYPTION_KEY). Either comes from the environment; when missing, it is generated once into
 * <data dir>/secrets.json (owner-only) and reused. The key is never stored in the database it protects.
 */
/** Only the variables this module reads; tests pass plain objects. */
type Environment = { AUTH_SECRET?: string; HUB_ENCRYPTION_KEY?: string; [name: string]: string | undefined };
type SecretsFile = { authSecret?: string; encryptionKey?: string };

export const SECRETS_FILE_NAME = "secrets.json";

function secretsPath(dataDir: string): string {
  return path.join(dataDir, SECRETS_FILE_NAME);
}

function readSecretsFile(dataDir: string): SecretsFile {
  const file = secretsPath(dataDir);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as SecretsFile;
}

/**
 * On PostgreSQL the database may be shared by several instances, and its backups live apart from any one server's
 * data folder: each instance must get the same two secrets from the environment, never generate its own.
 */
export function missingRequiredSecrets(env: Environment = process.env): string[] {
  return ["AUTH_SECRET", "HUB_ENCRYPTION_KEY"].filter((name) => !env[name]);
}

/** Creates whatever is missing. Returns what was generated, so the caller can say so. */
export function ensureSecrets(dataDir: string, env: Environment = process.env): { generated: string[] } {
  const current = readSecretsFile(dataDir);
  const generated: string[] = [];
  const next: SecretsFile = { ...current };
  if (!env.AUTH_SECRET && !current.authSecret) {
    next.authSecret = randomBytes(32).toString("base64url");
    generated.push("AUTH_SECRET");
  }
  if (!env.HUB_ENCRYPTION_KEY && !current.encryptionKey) {
    next.encryptionKey = randomBytes(32).toString("base64");
    generated.push("HUB_ENCRYPTION_KEY");
  }
  if (generated.length > 0) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = secretsPath(dataDir);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
    renameSync(temporary, file);
  }
  if (existsSync(secretsPath(dataDir))) chmodSync(secretsPath(dataDir), 0o600);
  return { generated };
}

/**
 * For the demo and the tests on PostgreSQL, where npm start wants both secrets in the environment: the ones kept in
 * (or now generated into) a data folder, as those variables.
 */
export function secretsFileAsEnvironment(dataDir: string): { AUTH_SECRET: string; HUB_ENCRYPTION_KEY: string } {
  ensureSecrets(dataDir, {});
  const file = readSecretsFile(dataDir);
  return { AUTH_SECRET: file.authSecret!, HUB_ENCRYPTION_KEY: file.encryptionKey! };
}

export function authSecret(dataDir: string, env: Environment = process.env): string {
  const secret = env.AUTH_SECRET ?? readSecretsFile(dataDir).authSecret;
  if (!secret) throw new Error(`AUTH_SECRET is not set and ${secretsPath(dataDir)} has none: start the hub with npm start.`);
  return secret;
}

/** HUB_ENCRYPTION_KEY: 32 bytes, written as base64 (44 characters) or hex (64 characters). */
export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error("HUB_ENCRYPTION_KEY must be 32 bytes written as base64 (openssl rand -base64 32) or 64 hex digits.");
  }
  return key;
}

export function encryptionKey(dataDir: string, env: Environment = process.env): Buffer {
  const value = env.HUB_ENCRYPTION_KEY ?? readSecretsFile(dataDir).encryptionKey;
  if (!value) {
    throw new Error(`HUB_ENCRYPTION_KEY is not set and ${secretsPath(dataDir)} has none: start the hub with npm start.`);
  }
  return parseEncryptionKey(value);
}

/**
 * Where the encryption key is kept, when that place is beside the database it protects (the data folder holding the
 * SQLite file): a copy of the folder is then a copy of everything needed to read the tokens. Null when it is not.
 */
export function keyBesideDatabase(dataDir: string, databaseFile: string | null, env: Environment = process.env): string | null {
  const file = secretsPath(dataDir);
  if (!readSecretsFile(dataDir).encryptionKey) return null;
  if (databaseFile === null || path.dirname(path.resolve(databaseFile)) !== path.resolve(dataDir)) return null;
  return env.HUB_ENCRYPTION_KEY ? `${file} (an old copy: HUB_ENCRYPTION_KEY is set, so remove "encryptionKey" from the file)` : file;
}
