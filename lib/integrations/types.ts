/** What the integrations hub needs to know about each integration it lists. */
export type IntegrationStatusKind = "not_configured" | "configured" | "connected" | "needs_attention";

export type IntegrationStatus = { kind: IntegrationStatusKind; label: string };

export type IntegrationWarning = { title: string; body: string };

export type IntegrationSummary = { status: IntegrationStatus; warnings: IntegrationWarning[] };

export type Integration = {
  /** URL segment: the integration's page is /utilities/integrations/<slug>. */
  slug: string;
  name: string;
  description: string;
  summary(): Promise<IntegrationSummary>;
};

export const STATUS_LABELS: Record<Exclude<IntegrationStatusKind, "connected">, string> = {
  not_configured: "Not configured",
  configured: "Configured",
  needs_attention: "Needs attention",
};
