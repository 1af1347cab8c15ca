import { beforeEach, describe, expect, it } from "vitest";
import { latestAudit } from "./audit";
import { db } from "./db";
import { readBankHolidayRegion, readSiteSettings, readSiteTimeZone, saveSiteSettings } from "./site-settings";

const ADMIN = { id: "admin-1", email: "admin@example.gov.uk" };

beforeEach(async () => {
  await db.auditEvent.deleteMany();
  await db.hubSettings.deleteMany();
});

describe("hub settings", () => {
  it("reads the defaults before anything is saved", async () => {
    expect(await readSiteSettings()).toEqual({ timeZone: "Europe/London", bankHolidayRegion: "england-and-wales" });
  });

  it("saves the time zone and the bank holiday region together, auditing the fields that changed", async () => {
    expect(await saveSiteSettings(ADMIN, { timeZone: "Europe/London", bankHolidayRegion: "scotland" })).toEqual({ changed: ["bankHolidayRegion"] });
    expect(await readBankHolidayRegion()).toBe("scotland");
    expect(await latestAudit("hub", "hub.settings.saved")).toMatchObject({ actorEmail: ADMIN.email, fields: ["bankHolidayRegion"] });

    await saveSiteSettings(ADMIN, { timeZone: "Europe/Dublin", bankHolidayRegion: "northern-ireland" });
    expect(await readSiteSettings()).toEqual({ timeZone: "Europe/Dublin", bankHolidayRegion: "northern-ireland" });
    expect(await readSiteTimeZone()).toBe("Europe/Dublin");
    expect(await latestAudit("hub", "hub.settings.saved")).toMatchObject({ fields: ["timeZone", "bankHolidayRegion"] });

    // Saving the same values again changes nothing, so there is nothing to audit.
    expect(await saveSiteSettings(ADMIN, { timeZone: "Europe/Dublin", bankHolidayRegion: "northern-ireland" })).toEqual({ changed: [] });
    expect(await db.auditEvent.count()).toBe(2);
  });

  it("refuses invalid settings whole: a valid time zone is not saved beside an unknown region", async () => {
    await expect(saveSiteSettings(ADMIN, { timeZone: "Europe/Dublin", bankHolidayRegion: "wales" })).rejects.toMatchObject({
      code: "invalid_input",
      field: "bankHolidayRegion",
      message: "Select which bank holidays close resources: England and Wales, Scotland, Northern Ireland or none",
    });
    await expect(saveSiteSettings(ADMIN, { timeZone: "Mars/Olympus_Mons", bankHolidayRegion: "scotland" })).rejects.toMatchObject({
      field: "timeZone",
      message: "Choose a time zone from the list, like Europe/London",
    });
    expect(await db.hubSettings.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("falls back to the default region when the stored value is not one it knows", async () => {
    await db.hubSettings.create({ data: { id: "default", timeZone: "Europe/London", bankHolidayRegion: "atlantis" } });
    expect(await readBankHolidayRegion()).toBe("england-and-wales");
  });
});
