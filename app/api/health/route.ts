import { checkHealth } from "@/lib/health";

/** For load balancers: 200 when the database answers, 503 when not. No session needed, nothing secret returned. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
