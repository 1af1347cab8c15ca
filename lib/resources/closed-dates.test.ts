import Holidays from "date-holidays";
import { describe, expect, it, vi } from "vitest";
import {
  BANK_HOLIDAY_REGIONS,
  bankHolidayRegionSchema,
  bankHolidays,
  closedDatesSchema,
  closedOn,
  parseClosedDates,
  type BankHolidayRegion,
} from "./closed-dates";

const year = (region: BankHolidayRegion, y: number) => Object.fromEntries(bankHolidays(region, `${y}-01-01`, `${y}-12-31`));

// gov.uk/bank-holidays, as published: each weekend holiday appears only as its substitute weekday.
const GOV_UK = {
  "england-and-wales": {
    2026: {
      "2026-01-01": "New Year's Day",
      "2026-04-03": "Good Friday",
      "2026-04-06": "Easter Monday",
      "2026-05-04": "Early May bank holiday",
      "2026-05-25": "Spring bank holiday",
      "2026-08-31": "Summer bank holiday",
      "2026-12-25": "Christmas Day",
      "2026-12-28": "Boxing Day (substitute day)",
    },
    2027: {
      "2027-01-01": "New Year's Day",
      "2027-03-26": "Good Friday",
      "2027-03-29": "Easter Monday",
      "2027-05-03": "Early May bank holiday",
      "2027-05-31": "Spring bank holiday",
      "2027-08-30": "Summer bank holiday",
      "2027-12-27": "Christmas Day (substitute day)",
      "2027-12-28": "Boxing Day (substitute day)",
    },
  },
  scotland: {
    2026: {
      "2026-01-01": "New Year's Day",
      "2026-01-02": "2nd January",
      "2026-04-03": "Good Friday",
      "2026-05-04": "Early May bank holiday",
      "2026-05-25": "Spring bank holiday",
      "2026-08-03": "Summer bank holiday",
      "2026-11-30": "St Andrew’s Day",
      "2026-12-25": "Christmas Day",
      "2026-12-28": "Boxing Day (substitute day)",
    },
    2027: {
      "2027-01-01": "New Year's Day",
      "2027-01-04": "2nd January (substitute day)",
      "2027-03-26": "Good Friday",
      "2027-05-03": "Early May bank holiday",
      "2027-05-31": "Spring bank holiday",
      "2027-08-02": "Summer bank holiday",
      "2027-11-30": "St Andrew’s Day",
      "2027-12-27": "Christmas Day (substitute day)",
      "2027-12-28": "Boxing Day (substitute day)",
    },
  },
  "northern-ireland": {
    2026: {
      "2026-01-01": "New Year's Day",
      "2026-03-17": "St Patrick’s Day",
      "2026-04-03": "Good Friday",
      "2026-04-06": "Easter Monday",
      "2026-05-04": "Early May bank holiday",
      "2026-05-25": "Spring bank holiday",
      "2026-07-13": "Battle of the Boyne (Orangemen’s Day) (substitute day)",
      "2026-08-31": "Summer bank holiday",
      "2026-12-25": "Christmas Day",
      "2026-12-28": "Boxing Day (substitute day)",
    },
    2027: {
      "2027-01-01": "New Year's Day",
      "2027-03-17": "St Patrick’s Day",
      "2027-03-26": "Good Friday",
      "2027-03-29": "Easter Monday",
      "2027-05-03": "Early May bank holiday",
      "2027-05-31": "Spring bank holiday",
      "2027-07-12": "Battle of the Boyne (Orangemen’s Day)",
      "2027-08-30": "Summer bank holiday",
      "2027-12-27": "Christmas Day (substitute day)",
      "2027-12-28": "Boxing Day (substitute day)",
    },
  },
} as const;

describe("bank holidays, as gov.uk lists them", () => {
  for (const region of ["england-and-wales", "scotland", "northern-ireland"] as const) {
    it(`${region}: 2026 and 2027`, () => {
      expect(year(region, 2026)).toEqual(GOV_UK[region][2026]);
      expect(year(region, 2027)).toEqual(GOV_UK[region][2027]);
    });
  }

  it("a holiday at a weekend closes only its substitute weekday", () => {
    // Boxing Day 2026 is a Saturday; Christmas Day 2027 a Saturday and Boxing Day a Sunday; 2 January 2027 a Saturday;
    // 12 July 2026 a Sunday.
    const closed = (region: BankHolidayRegion, date: string) => closedOn(date, { region, closedOnBankHolidays: true, closedDates: [] });
    expect(closed("england-and-wales", "2026-12-26")).toBeNull();
    expect(closed("england-and-wales", "2026-12-28")).toBe("Boxing Day (substitute day)");
    expect(closed("england-and-wales", "2027-12-25")).toBeNull();
    expect(closed("england-and-wales", "2027-12-26")).toBeNull();
    expect(closed("england-and-wales", "2027-12-27")).toBe("Christmas Day (substitute day)");
    expect(closed("england-and-wales", "2027-12-28")).toBe("Boxing Day (substitute day)");
    expect(closed("scotland", "2027-01-02")).toBeNull();
    expect(closed("scotland", "2027-01-04")).toBe("2nd January (substitute day)");
    expect(closed("northern-ireland", "2026-07-12")).toBeNull();
    expect(closed("northern-ireland", "2026-07-13")).toBe("Battle of the Boyne (Orangemen’s Day) (substitute day)");
  });

  it("leaves out observances: Mother's Day, Easter Sunday and Father's Day close nothing", () => {
    // date-holidays itself lists them for GB (15 March, 5 April and 21 June 2026).
    const all = new Holidays("GB", "ENG").getHolidays(2026).map((holiday) => holiday.date.slice(0, 10));
    expect(all).toEqual(expect.arrayContaining(["2026-03-15", "2026-04-05", "2026-06-21"]));
    for (const region of ["england-and-wales", "scotland", "northern-ireland"] as const) {
      const dates = [...bankHolidays(region, "2026-01-01", "2026-12-31").keys()];
      expect(dates).not.toContain("2026-03-15");
      expect(dates).not.toContain("2026-04-05");
      expect(dates).not.toContain("2026-06-21");
    }
  });

  it("reads a window across a year boundary, both ends included, in date order", () => {
    expect([...bankHolidays("scotland", "2026-12-25", "2027-01-04")]).toEqual([
      ["2026-12-25", "Christmas Day"],
      ["2026-12-28", "Boxing Day (substitute day)"],
      ["2027-01-01", "New Year's Day"],
      ["2027-01-04", "2nd January (substitute day)"],
    ]);
    expect([...bankHolidays("england-and-wales", "2026-12-26", "2027-01-01").keys()]).toEqual(["2026-12-28", "2027-01-01"]);
    expect(bankHolidays("england-and-wales", "2026-12-29", "2026-12-31").size).toBe(0);
    // A 366-day window, as an availability request asks for.
    expect(bankHolidays("northern-ireland", "2026-12-01", "2027-12-01").size).toBe(10);
  });

  it("'none' has no bank holidays, so nothing closes for them", () => {
    expect(bankHolidays("none", "2026-01-01", "2027-12-31").size).toBe(0);
    expect(closedOn("2026-12-25", { region: "none", closedOnBankHolidays: true, closedDates: [] })).toBeNull();
  });

  it("England and Wales: date-holidays' ENG and WLS agree, so one calendar serves both", () => {
    const england = new Holidays("GB", "ENG", { types: ["public", "bank"] });
    const wales = new Holidays("GB", "WLS", { types: ["public", "bank"] });
    for (let y = 2020; y <= 2040; y++) expect(wales.getHolidays(y)).toEqual(england.getHolidays(y));
  });

  it("computes a region's year once, however often it is asked", () => {
    const computed = vi.spyOn(Holidays.prototype, "getHolidays");
    // 2031 is not asked for by any other test in this file.
    for (let i = 0; i < 1_000; i++) bankHolidays("scotland", "2030-12-01", "2031-12-01");
    expect(computed.mock.calls.map(([y]) => y)).toEqual([2030, 2031]);
    computed.mockRestore();
  });

  it("offers the four regions with their labels, and refuses any other", () => {
    expect(BANK_HOLIDAY_REGIONS.map((region) => [region.id, region.label])).toEqual([
      ["england-and-wales", "England and Wales"],
      ["scotland", "Scotland"],
      ["northern-ireland", "Northern Ireland"],
      ["none", "None (no bank holidays)"],
    ]);
    expect(bankHolidayRegionSchema.safeParse("wales").success).toBe(false);
    expect(() => bankHolidays("england-and-wales", "2026-1-1", "2026-12-31")).toThrow(RangeError);
  });
});

describe("closed dates the administrator adds", () => {
  const closedDates = parseClosedDates(JSON.stringify([{ date: "2027-01-05", reason: "Building closed" }, { date: "2026-12-28", reason: "Boiler replaced" }]));

  it("closes the resource on those dates with their reasons, before the bank holiday's name", () => {
    expect(closedOn("2027-01-05", { region: "england-and-wales", closedOnBankHolidays: false, closedDates })).toBe("Building closed");
    expect(closedOn("2026-12-28", { region: "england-and-wales", closedOnBankHolidays: true, closedDates })).toBe("Boiler replaced");
    expect(closedOn("2027-01-01", { region: "england-and-wales", closedOnBankHolidays: true, closedDates })).toBe("New Year's Day");
    // A resource that stays open on bank holidays.
    expect(closedOn("2027-01-01", { region: "england-and-wales", closedOnBankHolidays: false, closedDates })).toBeNull();
    expect(closedOn("2027-01-06", { region: "england-and-wales", closedOnBankHolidays: true, closedDates })).toBeNull();
  });

  it("parses the stored JSON into dates in date order", () => {
    expect(closedDates).toEqual([
      { date: "2026-12-28", reason: "Boiler replaced" },
      { date: "2027-01-05", reason: "Building closed" },
    ]);
    expect(parseClosedDates("[]")).toEqual([]);
  });

  it("refuses damaged JSON with a clear error, not a crash", () => {
    expect(() => parseClosedDates("[{", "Council chamber")).toThrow(
      expect.objectContaining({
        code: "closed_dates_unreadable",
        message:
          "The closed dates saved for Council chamber cannot be read (not valid JSON), so its times are not offered. Open the resource and save its closed dates again.",
      }),
    );
    expect(() => parseClosedDates('{"date":"2027-01-05"}')).toThrow(expect.objectContaining({ code: "closed_dates_unreadable" }));
    expect(() => parseClosedDates('[{"date":"2027-02-30","reason":"x"}]')).toThrow(
      expect.objectContaining({ message: expect.stringContaining("at 0.date: Enter a real date, like 2027-01-04") }),
    );
  });

  it("reports every invalid entry at once when a form sends them", () => {
    const result = closedDatesSchema.safeParse([
      { date: "4 January", reason: "Closed" },
      { date: "2027-01-05", reason: " " },
      { date: "2027-01-06", reason: "Closed" },
      { date: "2027-01-06", reason: "Closed again" },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["0.date", "Enter a date like 2027-01-04"],
      ["1.reason", "Enter why it is closed, like Building closed"],
      ["3.date", "2027-01-06 is listed more than once"],
    ]);
  });
});
