import type { Metadata } from "next";
import { HubSettingsForm } from "@/components/HubSettingsForm";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { UpcomingBankHolidays } from "@/components/UpcomingBankHolidays";
import { requirePageUser } from "@/lib/auth/session";
import { shiftIsoDate, todayIn } from "@/lib/dates";
import { BANK_HOLIDAY_REGIONS, bankHolidayRegionLabel, bankHolidays } from "@/lib/resources/closed-dates";
import { readSiteSettings } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Hub settings" };

export default async function HubSettingsPage() {
  await requirePageUser("admin");
  const { timeZone, bankHolidayRegion } = await readSiteSettings();
  const zones = Intl.supportedValuesOf("timeZone");
  if (!zones.includes(timeZone)) zones.unshift(timeZone);
  // Twelve months, so every holiday of the region shows once (Scotland has 9, Northern Ireland 10).
  const today = todayIn(timeZone);
  const holidays = [...bankHolidays(bankHolidayRegion, today, shiftIsoDate(today, { years: 1, days: -1 }))].map(([date, name]) => ({ date, name }));
  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { label: "Hub settings" }]} />
      <h1>Hub settings</h1>
      <HubSettingsForm
        timeZone={timeZone}
        zones={zones}
        bankHolidayRegion={bankHolidayRegion}
        regions={BANK_HOLIDAY_REGIONS.map((region) => ({ value: region.id, label: region.label }))}
      />
      <UpcomingBankHolidays regionLabel={bankHolidayRegion === "none" ? null : bankHolidayRegionLabel(bankHolidayRegion)} holidays={holidays} />
    </>
  );
}
