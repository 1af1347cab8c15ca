import { describe, expect, it } from "vitest";
import { readNewResourceQuery, stepHref } from "./new-resource-steps";

const ACCOUNT = "cmx4p556b001gh07d3i6r6kll";
const CALENDAR = "AAMkAGI2TG93AAA=";

describe("Add resource's steps, read from the query", () => {
  it("starts by asking how the hub reaches the calendar, and asks again with a message when nothing was chosen", () => {
    expect(readNewResourceQuery({})).toEqual({ step: "how", values: {}, errors: {} });
    expect(readNewResourceQuery({ from: "how" })).toMatchObject({ step: "how", errors: { how: "Choose how the hub reaches its calendar" } });
    expect(readNewResourceQuery({ how: "telepathy" })).toMatchObject({ step: "how", errors: { how: "Choose how the hub reaches its calendar" } });
  });

  it("walks each way to its details, in order", () => {
    expect(readNewResourceQuery({ how: "application" })).toMatchObject({ step: "mailbox", errors: {} });
    expect(readNewResourceQuery({ how: "application", mailboxId: ACCOUNT })).toMatchObject({ step: "details", choice: { how: "application", mailboxId: ACCOUNT } });
    expect(readNewResourceQuery({ how: "account", accountId: ACCOUNT })).toMatchObject({ step: "calendar", values: { how: "account", accountId: ACCOUNT } });
    expect(readNewResourceQuery({ how: "account", accountId: ACCOUNT, calendarId: CALENDAR })).toMatchObject({
      step: "details",
      choice: { how: "account", accountId: ACCOUNT, calendarId: CALENDAR },
    });
    expect(readNewResourceQuery({ how: "shared", accountId: ACCOUNT, sharedMailbox: " Room.Chamber@Council.example ", calendarId: CALENDAR })).toMatchObject({
      step: "details",
      choice: { how: "shared", accountId: ACCOUNT, sharedMailbox: "room.chamber@council.example", calendarId: CALENDAR },
    });
  });

  it("reports every missing or invalid field of the step just submitted at once, and nothing before it is submitted", () => {
    expect(readNewResourceQuery({ how: "shared" })).toMatchObject({ step: "account", errors: {} });
    expect(readNewResourceQuery({ how: "shared", from: "account" })).toMatchObject({
      step: "account",
      errors: { accountId: "Choose a connected account", sharedMailbox: "Enter the shared mailbox's address, like room.chamber@example.gov.uk" },
    });
    expect(readNewResourceQuery({ how: "shared", from: "account", accountId: ACCOUNT, sharedMailbox: "the chamber" })).toMatchObject({
      step: "account",
      values: { accountId: ACCOUNT },
      errors: { sharedMailbox: "Mailbox must be an email address, like room.chamber@example.gov.uk" },
    });
    expect(readNewResourceQuery({ how: "account", accountId: ACCOUNT, calendarId: "../events" })).toMatchObject({ step: "calendar", errors: { calendarId: expect.stringContaining("Microsoft's ids") } });
  });

  it("links each choice to its step, keeping what came before", () => {
    const values = { how: "shared", accountId: ACCOUNT, sharedMailbox: "room@council.example", calendarId: CALENDAR };
    expect(stepHref(values, "how")).toBe("/utilities/resources/new");
    expect(stepHref(values, "accountId")).toBe("/utilities/resources/new?how=shared");
    expect(stepHref(values, "sharedMailbox")).toBe("/utilities/resources/new?how=shared");
    expect(stepHref(values, "calendarId")).toBe(`/utilities/resources/new?how=shared&accountId=${ACCOUNT}&sharedMailbox=room%40council.example`);
  });
});
