import { describe, expect, it } from "vitest";
import { HOME_PATH, safeRedirectPath } from "./safe-redirect";

describe("safe redirect after sign-in", () => {
  it.each(["/utilities/integrations/office365", "/bookings?week=2026-11-30"])("keeps the hub path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "javascript:alert(1)",
    "/api/auth/signout",
    "/signin",
    "\u0000/x",
    // Paths that only become another site once normalised.
    "/.//evil.example/x",
    "/..//evil.example",
    "/%2e//evil.example",
    "/x/..//evil.example",
    "/%2E%2E//evil.example",
    undefined,
    42,
  ])("sends %j to the hub's home instead", (value) => {
    expect(safeRedirectPath(value)).toBe(HOME_PATH);
  });
});
