import { describe, expect, it } from "vitest";
import { missingPermissions, parseScopes } from "./permissions";

describe("granted permissions", () => {
  it("strips resource prefixes and duplicates", () => {
    expect(parseScopes("https://graph.microsoft.com/Calendars.Read  User.Read User.Read")).toEqual(["Calendars.Read", "User.Read"]);
  });

  it("reports what is missing, in words", () => {
    const missing = missingPermissions(["User.Read", "Calendars.ReadWrite"]);
    expect(missing.map((permission) => permission.name)).toEqual(["Calendars.ReadWrite.Shared"]);
    expect(missing[0]?.without).toContain("shared with the account");
    expect(missingPermissions(["user.read", "calendars.readwrite", "Calendars.ReadWrite.Shared"])).toEqual([]);
    // A token response without scope says nothing about permissions: no warnings rather than three false ones.
    expect(missingPermissions([])).toEqual([]);
  });
});
