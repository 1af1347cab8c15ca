import { checkHealth } from "@/lib/health";

/**
 * For load balancers, no session needed, nothing secret returned. `/api/health`: 200 while the database answers
 * (liveness). `/api/health?ready`: 200 only when the database also has every migration this instance expects, 503
 * otherwise, so no traffic reaches an instance that would fail (readiness).
 */
export async function GET(request: Request) {
  const health = await checkHealth();
  const readiness = new URL(request.url).searchParams.has("ready");
  return Response.json(health, {
    status: (readiness ? health.ready : health.status === "ok") ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
