import { describe, expect, it } from "vitest";
import { findAction } from "./action-ids";

describe("finding a server action's id in the build", () => {
  const manifest = JSON.stringify({
    node: {
      "40aa": { workers: { "app/bookings/[bookingId]/cancel/page": {}, "app/bookings/page": {} }, filename: "app/actions/calendar.ts", exportedName: "getAvailability" },
      "40bb": { workers: { "app/bookings/page": {} }, filename: "app/actions/calendar.ts", exportedName: "listEvents" },
      "60cc": { workers: { "app/signin/page": {} }, filename: "app/signin/actions.ts", exportedName: "getAvailability" },
    },
    edge: {},
    encryptionKey: "k",
  });

  it("gives the id and a page that can run it, by file and export", () => {
    expect(findAction(manifest, "app/actions/calendar.ts", "getAvailability")).toEqual({
      id: "40aa",
      file: "app/actions/calendar.ts",
      name: "getAvailability",
      page: "/bookings",
    });
  });

  it("fails plainly when the build does not have the action", () => {
    expect(() => findAction(manifest, "app/actions/calendar.ts", "bookRoom")).toThrow(/0 server actions named bookRoom/);
  });
});
