import "server-only";
import { db } from "./db";

/** For load balancers: is the database answering? Says nothing else, needs no session. */
export type Health = { status: "ok" | "unavailable"; checks: { database: "ok" | "unavailable" } };

export async function checkHealth(probe: () => Promise<unknown> = () => db.$queryRaw`SELECT 1`): Promise<Health> {
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2_000))]);
    return { status: "ok", checks: { database: "ok" } };
  } catch {
    return { status: "unavailable", checks: { database: "unavailable" } };
  }
}
