import "server-only";
import type { Integration, IntegrationSummary, IntegrationWarning } from "../types";
import { STATUS_LABELS } from "../types";
import { readSiteTimeZone } from "../../site-settings";
import { credentialExpiry } from "./secret-expiry";
import { countAccounts } from "./accounts";
import { readSettings } from "./settings";

async function summary(): Promise<IntegrationSummary> {
  const [settings, accounts] = await Promise.all([readSettings(), countAccounts()]);
  const problem = settings?.problem ?? null;
  if (!settings) return { status: { kind: "not_configured", label: STATUS_LABELS.not_configured }, warnings: [] };
  const expiry = credentialExpiry(settings, await readSiteTimeZone());
  const warnings: IntegrationWarning[] = [];
  if (expiry.state === "soon" || expiry.state === "expired") warnings.push({ title: expiry.title, body: `${expiry.consequence} ${expiry.renewal.summary}` });
  if (problem) warnings.push({ title: "Microsoft refused the Office 365 app registration", body: problem.message });
  if (accounts.needReconnect > 0) {
    const count = accounts.needReconnect === 1 ? "One Office 365 account needs" : `${accounts.needReconnect} Office 365 accounts need`;
    warnings.push({ title: `${count} reconnecting`, body: "Microsoft no longer accepts their access. Reconnect them on the Office365 page." });
  }
  if (expiry.state === "expired" || problem || accounts.needReconnect > 0) {
    return { status: { kind: "needs_attention", label: STATUS_LABELS.needs_attention }, warnings };
  }
  if (accounts.total > 0) {
    const label = accounts.total === 1 ? "1 account connected" : `${accounts.total} accounts connected`;
    return { status: { kind: "connected", label }, warnings };
  }
  return { status: { kind: "configured", label: STATUS_LABELS.configured }, warnings };
}

export const office365: Integration = {
  slug: "office365",
  name: "Office365",
  description: "Connect Microsoft 365 accounts through Azure AD and use their calendars for event and room booking.",
  summary,
};
