import { describe, expect, it } from "vitest";
import { listReturn, returnFields, returnHref, returnToFrom, withReturn } from "./return-to";

const RESOURCE = "cres0123456789abcdef0123";

describe("where a booking's pages send the user back to", () => {
  it("My bookings, with an administrator's resource filter kept", () => {
    const back = returnToFrom({ from: "mine", resource: RESOURCE });
    expect(back).toEqual({ to: "mine", resource: RESOURCE });
    expect(returnHref(back, { cancelled: "series" })).toBe(`/bookings/mine?resource=${RESOURCE}&cancelled=series`);
    expect(returnHref(returnToFrom({ from: "mine" }), { changed: "b1" })).toBe("/bookings/mine?changed=b1");
    // A changed time is shown in My bookings, whichever page the user came from.
    expect(listReturn(back)).toEqual(back);
    expect(listReturn(returnToFrom({ resource: RESOURCE, date: "2027-01-05" }))).toEqual({ to: "mine" });
  });

  it("the booking page's resource and day, or else the booking page", () => {
    expect(returnHref(returnToFrom({ resource: RESOURCE, date: "2027-01-05" }), { cancelled: "1" })).toBe(`/bookings?resource=${RESOURCE}&date=2027-01-05&cancelled=1`);
    expect(returnHref(returnToFrom({}), { cancelled: "1" })).toBe("/bookings?cancelled=1");
    expect(returnHref(returnToFrom({}))).toBe("/bookings");
  });

  it("is rebuilt from checked parts: an address, a path, or anything but an id and a date, is dropped", () => {
    const hostile = [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example/",
      "HTTPS://evil.example",
      "javascript:alert(1)",
      "/.//evil.example",
      "/%2e//evil.example",
      "%2F%2Fevil.example",
      "/%5Cevil.example",
      "//evil.example/%2e%2e",
      `${RESOURCE}/../../evil.example`,
      `${RESOURCE}\n//evil.example`,
      `${RESOURCE}@evil.example`,
    ];
    for (const value of hostile) {
      for (const values of [
        { from: value, resource: RESOURCE, date: "2027-01-05" },
        { resource: value, date: "2027-01-05" },
        { resource: RESOURCE, date: value },
        { from: "mine", resource: value },
        { from: ["mine", value], resource: [value, RESOURCE] },
      ]) {
        const href = returnHref(returnToFrom(values), { cancelled: "1" });
        // Always one of the hub's own pages: a single leading slash, then its path and a query of checked values.
        expect(href).toMatch(/^\/bookings(\/mine)?\?[a-z]+=[\w-]+(&[a-z]+=[\w-]+)*$/);
        expect(new URL(href, "https://hub.example").origin).toBe("https://hub.example");
        expect(href.toLowerCase()).not.toContain("evil");
      }
    }
  });

  it("travels through a form's fields and a link's query unchanged", () => {
    const back = { to: "day", resource: RESOURCE, date: "2027-01-05" } as const;
    expect(returnToFrom(returnFields(back))).toEqual(back);
    expect(withReturn("/bookings/b1/cancel", { to: "mine" })).toBe("/bookings/b1/cancel?from=mine");
    expect(withReturn("/bookings/b1/cancel", { to: "bookings" })).toBe("/bookings/b1/cancel");
  });
});
