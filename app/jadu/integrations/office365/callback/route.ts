import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { environment } from "@/lib/config";
import { requestLog } from "@/lib/http/request-log";
import { completeAuthorization } from "@/lib/integrations/office365/callback";

/**
 * The OAuth redirect URI registered at Microsoft (the original product's path, so existing app registrations keep
 * working). Checks the session itself; the state inside is bound to the admin who started the sign-in.
 */
const PAGE = "/utilities/integrations/office365";

function to(path: string, query: Record<string, string | number | undefined> = {}) {
  const url = new URL(path, environment().publicUrl);
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
  return NextResponse.redirect(url, 303);
}

export async function GET(request: NextRequest) {
  const user = await currentUser();
  if (!user) return to(`${PAGE}/connect-failed`, { reason: "signed_out" });
  if (user.role !== "admin") return to("/access-denied");

  const outcome = await completeAuthorization(user, request.nextUrl.searchParams);
  const logger = await requestLog();
  logger.info("office365.callback", { outcome: outcome.kind, userId: user.id });
  switch (outcome.kind) {
    case "connected":
      return to(PAGE, { [outcome.reconnected ? "reconnected" : "connected"]: outcome.accountId });
    case "admin_consented":
      return to(PAGE, { consented: outcome.tenant });
    case "state_problem":
      return to(`${PAGE}/connect-failed`, { reason: outcome.reason });
    case "refused":
      return to(PAGE, { problem: outcome.problem, aadsts: outcome.aadsts, for: outcome.adminConsent ? "admin_consent" : undefined });
  }
}
