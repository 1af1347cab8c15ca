import "server-only";
import type { Integration, IntegrationSummary } from "../types";
import { STATUS_LABELS } from "../types";
import { secretExpiry } from "./secret-expiry";
import { readSettings } from "./settings";

async function summary(): Promise<IntegrationSummary> {
  const settings = await readSettings();
  if (!settings) return { status: { kind: "not_configured", label: STATUS_LABELS.not_configured }, warnings: [] };
  const expiry = secretExpiry(settings.clientSecretExpiresOn);
  const warnings = expiry.state === "soon" || expiry.state === "expired" ? [{ title: expiry.title, body: expiry.consequence }] : [];
  if (expiry.state === "expired") return { status: { kind: "needs_attention", label: STATUS_LABELS.needs_attention }, warnings };
  return { status: { kind: "configured", label: STATUS_LABELS.configured }, warnings };
}

export const office365: Integration = {
  slug: "office365",
  name: "Office365",
  description: "Connect Microsoft 365 accounts through Azure AD and use their calendars for event and room booking.",
  summary,
};
