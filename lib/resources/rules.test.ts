import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, rulesFormSchema, rulesFormValues, type ResourceRules } from "./rules-schema";
import { bookingRefusal, resourceSlots, type BusyTime, type RuleContext } from "./rules";

const ZONE = "Europe/London";
const local = (value: string) => DateTime.fromISO(value, { zone: ZONE }).toMillis();
const iso = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true });
const everyDay = Object.fromEntries(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((day) => [day, { opens: "08:00", closes: "18:00" }]));

function context(rules: Partial<ResourceRules> = {}, now = "2027-01-04T07:00", closed: Record<string, string> = {}): RuleContext {
  return { rules: { ...DEFAULT_RULES, ...rules }, timeZone: ZONE, now: local(now), closedOn: (date) => closed[date] ?? null };
}
const day = (date: string) => {
  const midnight = DateTime.fromISO(`${date}T00:00`, { zone: ZONE });
  return { start: midnight.toMillis(), end: midnight.plus({ days: 1 }).toMillis() };
};
const statusAt = (slots: ReturnType<typeof resourceSlots>, time: string) => slots.find((slot) => slot.start === local(time))?.status;
const event = (from: string, to: string, ours = false): BusyTime => ({ start: local(from), end: local(to), ours });

describe("opening hours", () => {
  it("offers slots from opening to closing on open days, and one closed span before and after", () => {
    const slots = resourceSlots(context(), day("2027-01-04"), []);
    expect(slots[0]).toMatchObject({ start: local("2027-01-04T00:00"), end: local("2027-01-04T08:00"), status: "closed", reason: "Outside opening hours" });
    const open = slots.filter((slot) => slot.status !== "closed");
    expect(open).toHaveLength(20);
    expect(iso(open[0]!.start)).toBe("2027-01-04T08:00:00+00:00");
    expect(iso(open.at(-1)!.end)).toBe("2027-01-04T18:00:00+00:00");
    expect(slots.at(-1)).toMatchObject({ start: local("2027-01-04T18:00"), status: "closed" });
    // Closed at weekends by default, saying so.
    expect(resourceSlots(context(), day("2027-01-09"), [])).toEqual([expect.objectContaining({ status: "closed", reason: "Closed on Saturdays" })]);
  });

  it("keeps 08:00 local across the Europe/London clock changes", () => {
    const rules = { openingHours: everyDay as ResourceRules["openingHours"] };
    // 29 March 2026: the clocks go forward at 01:00 UTC; 25 October 2026: back at 01:00 UTC.
    for (const [date, offset] of [["2026-03-28", "+00:00"], ["2026-03-29", "+01:00"], ["2026-10-24", "+01:00"], ["2026-10-25", "+00:00"]] as const) {
      const slots = resourceSlots(context(rules, "2026-01-01T00:00"), day(date), []).filter((slot) => slot.status !== "closed");
      expect(iso(slots[0]!.start)).toBe(`${date}T08:00:00${offset}`);
      expect(iso(slots.at(-1)!.end)).toBe(`${date}T18:00:00${offset}`);
      expect(slots).toHaveLength(20);
    }
    // The short day is 23 hours long: the closed spans take the difference, not the slots.
    const short = resourceSlots(context(rules, "2026-01-01T00:00"), day("2026-03-29"), []);
    expect(short.at(-1)!.end - short[0]!.start).toBe(23 * 3_600_000);
  });

  it("leaves out a last part shorter than a slot", () => {
    const rules = { slotMinutes: 60 as const, openingHours: { ...DEFAULT_RULES.openingHours, monday: { opens: "08:00", closes: "17:30" } } };
    const open = resourceSlots(context(rules), day("2027-01-04"), []).filter((slot) => slot.status !== "closed");
    expect(iso(open.at(-1)!.start)).toBe("2027-01-04T16:00:00+00:00");
    expect(open).toHaveLength(9);
  });

  it("closes on a closed date with its reason", () => {
    const slots = resourceSlots(context({}, "2027-01-01T00:00", { "2027-01-04": "Building closed for repairs" }), day("2027-01-04"), []);
    expect(slots).toEqual([expect.objectContaining({ status: "closed", reason: "Building closed for repairs" })]);
  });
});

describe("the time around bookings", () => {
  it("keeps the buffers free on both sides of an event, and not a minute more", () => {
    const busy = [event("2027-01-05T10:00", "2027-01-05T11:00")];
    const none = resourceSlots(context(), day("2027-01-05"), busy);
    expect([statusAt(none, "2027-01-05T09:30"), statusAt(none, "2027-01-05T10:30"), statusAt(none, "2027-01-05T11:00")]).toEqual(["free", "busy", "free"]);
    const buffered = resourceSlots(context({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }), day("2027-01-05"), busy);
    // 09:30–10:00 needs 10:00–10:15 free after it; 11:00–11:30 needs 10:45–11:00 free before it; 11:30 is clear.
    expect(["09:00", "09:30", "11:00", "11:30"].map((time) => statusAt(buffered, `2027-01-05T${time}`))).toEqual(["free", "busy", "busy", "free"]);
    // A buffer that only reaches to the event's edge does not block.
    const exact = resourceSlots(context({ bufferBeforeMinutes: 30 }), day("2027-01-05"), busy);
    expect(statusAt(exact, "2027-01-05T11:30")).toBe("free");
  });

  it("counts the hub's own bookings against the places, while other events always block", () => {
    const ours = Array.from({ length: 9 }, () => event("2027-01-05T10:00", "2027-01-05T11:00", true));
    const rules = { placesPerSlot: 10 };
    const slots = resourceSlots(context(rules), day("2027-01-05"), ours);
    expect(slots.find((slot) => slot.start === local("2027-01-05T10:00"))).toMatchObject({ status: "free", placesLeft: 1 });
    const full = resourceSlots(context(rules), day("2027-01-05"), [...ours, event("2027-01-05T10:00", "2027-01-05T11:00", true)]);
    expect(statusAt(full, "2027-01-05T10:00")).toBe("full");
    const other = resourceSlots(context(rules), day("2027-01-05"), [event("2027-01-05T14:00", "2027-01-05T14:30")]);
    expect(statusAt(other, "2027-01-05T14:00")).toBe("busy");
    // With one place, the hub's own booking is simply busy.
    expect(statusAt(resourceSlots(context(), day("2027-01-05"), [event("2027-01-05T10:00", "2027-01-05T10:30", true)]), "2027-01-05T10:00")).toBe("busy");
  });
});

describe("notice and horizon", () => {
  it("never offers the past, holds back the minimum notice, and stops at the booking horizon", () => {
    const slots = resourceSlots(context({}, "2027-01-04T09:10"), day("2027-01-04"), []);
    expect(["08:30", "09:00", "09:30", "10:00", "10:30"].map((time) => statusAt(slots, `2027-01-04T${time}`))).toEqual(["past", "past", "too_soon", "too_soon", "free"]);
    const horizon = context({ bookUpToDays: 7 }, "2027-01-04T09:10");
    expect(statusAt(resourceSlots(horizon, day("2027-01-11"), []), "2027-01-11T17:30")).toBe("free");
    expect(statusAt(resourceSlots(horizon, day("2027-01-12"), []), "2027-01-12T08:00")).toBe("too_far");
  });

  it("fails closed when Outlook could not be read: open slots are unknown, closed ones still say why", () => {
    const slots = resourceSlots(context(), day("2027-01-04"), null);
    expect(statusAt(slots, "2027-01-04T12:00")).toBe("unknown");
    expect(slots[0]!.status).toBe("closed");
    expect(slots.some((slot) => slot.status === "free")).toBe(false);
  });
});

describe("a booking's refusal names the rule it breaks", () => {
  const refusal = (start: string, end: string, rules: Partial<ResourceRules> = {}, busy: BusyTime[] = [], now = "2027-01-04T07:00") =>
    bookingRefusal(context(rules, now), local(start), local(end), busy, "The council chamber");

  it.each([
    ["2027-01-05T09:00", "2027-01-05T14:00", {}, "rule_too_long", "at most 4 hours at a time"],
    ["2027-01-09T10:00", "2027-01-09T11:00", {}, "rule_closed", "cannot be booked that day. Closed on Saturdays. Choose another day."],
    ["2027-01-05T07:30", "2027-01-05T08:30", {}, "rule_outside_hours", "open from 08:00 to 18:00 on Tuesdays"],
    ["2027-01-05T17:30", "2027-01-05T18:30", {}, "rule_outside_hours", "opening hours"],
    ["2027-01-04T08:00", "2027-01-04T08:30", { minimumNoticeMinutes: 90 }, "rule_too_soon", "at least 1 hour 30 minutes ahead"],
    ["2027-08-02T10:00", "2027-08-02T11:00", {}, "rule_too_far", "at most 180 days ahead"],
    ["2027-01-04T06:00", "2027-01-04T06:30", {}, "in_the_past", "Start is in the past"],
  ] as const)("%s to %s", (start, end, rules, code, words) => {
    const error = refusal(start, end, rules);
    expect(error?.code).toBe(code);
    expect(error?.message).toContain(words);
  });

  it("refuses a taken time, a buffer that would overlap, and a full slot; allows a free one", () => {
    const busy = [event("2027-01-05T10:00", "2027-01-05T11:00")];
    expect(refusal("2027-01-05T10:30", "2027-01-05T11:30", {}, busy)?.code).toBe("slot_taken");
    expect(refusal("2027-01-05T11:00", "2027-01-05T11:30", { bufferBeforeMinutes: 15 }, busy)?.message).toContain("keeps 15 minutes free before each booking");
    const ours = Array.from({ length: 3 }, () => event("2027-01-05T14:00", "2027-01-05T15:00", true));
    expect(refusal("2027-01-05T14:00", "2027-01-05T15:00", { placesPerSlot: 3 }, ours)?.code).toBe("rule_full");
    expect(refusal("2027-01-05T14:00", "2027-01-05T15:00", { placesPerSlot: 4 }, ours)).toBeNull();
    expect(refusal("2027-01-05T11:00", "2027-01-05T12:00", {}, busy)).toBeNull();
    expect(bookingRefusal(context(), local("2027-01-05T11:00"), local("2027-01-05T12:00"), null, "x")?.code).toBe("availability_unknown");
  });
});

describe("the rules form", () => {
  it("round-trips the defaults and reports every invalid field at once", () => {
    expect(rulesFormSchema.parse(rulesFormValues(DEFAULT_RULES))).toEqual(DEFAULT_RULES);
    const result = rulesFormSchema.safeParse({
      ...rulesFormValues(DEFAULT_RULES),
      mondayCloses: "07:00",
      tuesdayOpens: "8am",
      slotMinutes: "45",
      bookUpToDays: "400",
      placesPerSlot: "0",
    });
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "mondayCloses: Monday must close after it opens",
        "tuesdayOpens: Enter the time Tuesday opens, like 08:00",
        "slotMinutes: Choose a slot length: 15, 30 or 60 minutes",
        "bookUpToDays: Book up to must be 366 days or fewer",
        "placesPerSlot: Places per slot must be 1 place or more",
      ]),
    );
  });
});
