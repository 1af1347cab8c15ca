import type { Metadata } from "next";
import { HubSettingsForm } from "@/components/HubSettingsForm";
import { Breadcrumbs } from "@/components/layout/Breadcrumbs";
import { requirePageUser } from "@/lib/auth/session";
import { readSiteTimeZone } from "@/lib/site-settings";

export const metadata: Metadata = { title: "Hub settings" };

export default async function HubSettingsPage() {
  await requirePageUser("admin");
  const timeZone = await readSiteTimeZone();
  const zones = Intl.supportedValuesOf("timeZone");
  if (!zones.includes(timeZone)) zones.unshift(timeZone);
  return (
    <>
      <Breadcrumbs trail={[{ label: "Utilities" }, { label: "Hub settings" }]} />
      <h1>Hub settings</h1>
      <HubSettingsForm timeZone={timeZone} zones={zones} />
    </>
  );
}
