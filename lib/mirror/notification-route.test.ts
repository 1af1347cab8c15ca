import { describe, expect, it } from "vitest";
import { notificationRoute } from "./notification-route";

/** What anyone on the internet can send to the notification URLs, before any database is involved. */
const post = (query: string, body?: string, headers: Record<string, string> = {}) =>
  notificationRoute("change")(new Request(`http://hub.example/jadu/integrations/office365/notifications${query}`, { method: "POST", body, headers }));

describe("the notification URL", () => {
  it("answers Microsoft's validation request with the token as plain text, never as HTML", async () => {
    const token = "Validation: <script>alert('x')</script> & more";
    const answer = await post(`?validationToken=${encodeURIComponent(token)}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await answer.text()).toBe(token);
  });

  it("refuses an empty or oversized token, a body that is not a collection of notifications, and an oversized body", async () => {
    expect((await post("?validationToken=")).status).toBe(400);
    expect((await post(`?validationToken=${"a".repeat(3000)}`)).status).toBe(400);
    expect((await post("", "not json")).status).toBe(400);
    expect((await post("", JSON.stringify({ value: "nope" }))).status).toBe(400);
    expect((await post("", "x".repeat(600 * 1024))).status).toBe(413);
    expect((await post("", "{}", { "content-length": String(10 * 1024 * 1024) })).status).toBe(413);
  });
});
