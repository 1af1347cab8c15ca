import path from "node:path";
import { z } from "zod";

/**
 * Settings that come from the environment. Read once, validated with zod, with the defaults the README documents.
 * Used by the app and by the scripts in scripts/ (so no "server-only" import here).
 */
const httpsOrHttpUrl = z
  .string()
  .trim()
  .url()
  .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
  .transform((value) => value.replace(/\/+$/, ""));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HUB_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  HUB_DATA_DIR: z.string().min(1).default("./data"),
  // Node sizes its default heap from the machine's memory; on a large server that let garbage pile up to gigabytes.
  HUB_MAX_HEAP_MB: z.coerce.number().int().min(128).max(65536).default(512),
  DATABASE_URL: z.string().min(1).optional(),
  AUTH_URL: httpsOrHttpUrl
    .refine((value) => new URL(value).pathname === "/", "must be the site's origin, with no path (for example https://www.example.gov.uk)")
    .optional(),
  MICROSOFT_LOGIN_URL: httpsOrHttpUrl
    .refine((value) => value.startsWith("https://"), "must be an https:// URL")
    .optional(),
  HUB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  HUB_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(20),
  HUB_RECOVERY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // on: change notifications; off: delta polling; unset: notifications when AUTH_URL is https (Microsoft can reach it)
  HUB_NOTIFICATIONS: z.enum(["on", "off"]).optional(),
  HUB_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  MICROSOFT_GRAPH_URL: httpsOrHttpUrl
    .refine((value) => value.startsWith("https://"), "must be an https:// URL (Microsoft's Graph client only treats https URLs as Graph)")
    .optional(),
});

export type HubEnvironment = {
  port: number;
  /** How many reverse proxies in front of the hub append to X-Forwarded-For (their entries are trusted). */
  trustedProxies: number;
  dataDir: string;
  databaseUrl: string;
  /** The production server's V8 old-space limit (node --max-old-space-size), in MiB. */
  maxHeapMb: number;
  /** The public base URL, without a trailing slash. */
  publicUrl: string;
  microsoftLoginUrl?: string;
  microsoftGraphUrl?: string;
  /** Calendar actions that reach Microsoft, per hub user: sustained rate and burst. */
  rateLimitPerMinute: number;
  rateLimitBurst: number;
  /** How often the booking-recovery sweep runs, across all instances. */
  recoveryIntervalSeconds: number;
  /** Whether the live mirror of free/busy learns of changes by change notifications (or by delta polling). */
  notifications: boolean;
  /** How often each resource's calendar is polled (delta) when notifications are off. */
  syncIntervalSeconds: number;
};

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): HubEnvironment {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.HUB_DATA_DIR);
  return {
    port: values.PORT,
    trustedProxies: values.HUB_TRUSTED_PROXIES,
    dataDir,
    databaseUrl: values.DATABASE_URL ?? `file:${values.HUB_DATA_DIR.replace(/\/+$/, "")}/hub.db`,
    maxHeapMb: values.HUB_MAX_HEAP_MB,
    publicUrl: values.AUTH_URL ?? `http://localhost:${values.PORT}`,
    microsoftLoginUrl: values.MICROSOFT_LOGIN_URL,
    microsoftGraphUrl: values.MICROSOFT_GRAPH_URL,
    rateLimitPerMinute: values.HUB_RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: values.HUB_RATE_LIMIT_BURST,
    recoveryIntervalSeconds: values.HUB_RECOVERY_INTERVAL_SECONDS,
    // Microsoft delivers notifications only to https URLs; an intranet site it cannot reach polls instead.
    notifications: values.HUB_NOTIFICATIONS ? values.HUB_NOTIFICATIONS === "on" : (values.AUTH_URL ?? "").startsWith("https://"),
    syncIntervalSeconds: values.HUB_SYNC_INTERVAL_SECONDS,
  };
}

let cached: HubEnvironment | undefined;

export function environment(): HubEnvironment {
  cached ??= readEnvironment();
  return cached;
}

/** For tests that change the environment after the first read (for example to point at an emulator). */
export function forgetEnvironment(): void {
  cached = undefined;
}
