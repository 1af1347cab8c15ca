import { describe, expect, it } from "vitest";
import { returnFields, returnHref, returnToFrom, withReturn } from "./return-to";

const RESOURCE = "cres0123456789abcdef0123";

describe("where a booking's pages send the user back to", () => {
  it("My bookings, with an administrator's resource filter kept", () => {
    const back = returnToFrom({ from: "mine", resource: RESOURCE });
    expect(back).toEqual({ to: "mine", resource: RESOURCE });
    expect(returnHref(back, { cancelled: "series" })).toBe(`/bookings/mine?resource=${RESOURCE}&cancelled=series`);
    expect(returnHref(returnToFrom({ from: "mine" }), { changed: "b1" })).toBe("/bookings/mine?changed=b1");
  });

  it("the booking page's resource and day, or else the booking page", () => {
    expect(returnHref(returnToFrom({ resource: RESOURCE, date: "2027-01-05" }), { cancelled: "1" })).toBe(`/bookings?resource=${RESOURCE}&date=2027-01-05&cancelled=1`);
    expect(returnHref(returnToFrom({}), { cancelled: "1" })).toBe("/bookings?cancelled=1");
    expect(returnHref(returnToFrom({}))).toBe("/bookings");
  });

  it("is rebuilt from checked parts: an address, or anything but an id and a date, is dropped", () => {
    for (const values of [
      { from: "https://evil.example/", resource: RESOURCE, date: "2027-01-05" },
      { resource: "//evil.example", date: "2027-01-05" },
      { resource: RESOURCE, date: "2027-01-05/../../x" },
      { from: "mine", resource: "../../admin" },
    ]) {
      const href = returnHref(returnToFrom(values), { cancelled: "1" });
      expect(href).toMatch(/^\/bookings(\/mine)?\?/);
      expect(href).not.toContain("evil");
      expect(href).not.toContain("..");
    }
  });

  it("travels through a form's fields and a link's query unchanged", () => {
    const back = { to: "day", resource: RESOURCE, date: "2027-01-05" } as const;
    expect(returnToFrom(returnFields(back))).toEqual(back);
    expect(withReturn("/bookings/b1/cancel", { to: "mine" })).toBe("/bookings/b1/cancel?from=mine");
    expect(withReturn("/bookings/b1/cancel", { to: "bookings" })).toBe("/bookings/b1/cancel");
  });
});
