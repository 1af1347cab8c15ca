import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runAction } from "./actions";

// The session is not what is under test here: every call comes from a signed-in staff user.
vi.mock("./auth/session", () => ({ requireUser: async () => ({ id: "user-1", email: "desk@example.gov.uk", name: null, role: "staff" }) }));

const schema = z.object({
  subject: z.string().min(1, "Enter a subject"),
  attendees: z.array(z.email({ error: "Each attendee must be an email address" })),
  location: z.string().max(5, "Location is too long"),
});

describe("runAction", () => {
  it("answers invalid input with every field's message, keeping the first as field and message", async () => {
    const work = vi.fn();
    const result = await runAction("staff", schema, { subject: "", attendees: ["resident@example.org", "not an address"], location: "the town hall" }, work);
    expect(work).not.toHaveBeenCalled();
    expect(result).toEqual({
      ok: false,
      error: {
        code: "invalid_input",
        message: "Enter a subject",
        field: "subject",
        fields: { subject: "Enter a subject", "attendees.1": "Each attendee must be an email address", location: "Location is too long" },
      },
    });
  });

  it("runs the work with the parsed input when it is valid", async () => {
    const result = await runAction("staff", schema, { subject: "Surgery", attendees: [], location: "Hall" }, async (data, user) => `${data.subject} for ${user.email}`);
    expect(result).toEqual({ ok: true, data: "Surgery for desk@example.gov.uk" });
  });
});
