/**
 * Where to send someone after signing in. Only paths on this site are accepted ("/utilities/…"), never another origin
 * ("//evil.example", "https://…", "/\\evil.example"), so the sign-in page cannot be used as an open redirect.
 */
/** "/" sends each user to their start page: integrations for admins, bookings for staff (app/page.tsx). */
export const HOME_PATH = "/";

export function safeRedirectPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2048) return HOME_PATH;
  if (/[\u0000-\u001f\\]/.test(value)) return HOME_PATH;
  if (!value.startsWith("/")) return HOME_PATH;
  const parsed = new URL(value, "http://hub.invalid");
  if (parsed.origin !== "http://hub.invalid") return HOME_PATH;
  // What is checked is what is returned: the normalised path. "/.//evil.example" normalises to "//evil.example",
  // which a browser reads as another site.
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return HOME_PATH;
  if (parsed.pathname.startsWith("/api/") || parsed.pathname === "/signin") return HOME_PATH;
  return path;
}
