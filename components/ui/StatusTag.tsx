import type { IntegrationStatusKind } from "@/lib/integrations/types";

const STYLES: Record<IntegrationStatusKind, string> = {
  not_configured: "bg-panel text-ink",
  configured: "bg-[#bbd4ea] text-[#0c2d4a]",
  connected: "bg-[#cce2d8] text-[#005a30]",
  needs_attention: "bg-[#fcd6c3] text-[#6e3619]",
};

export function StatusTag({ kind, label }: { kind: IntegrationStatusKind; label: string }) {
  return (
    <strong className={`hub-tag ${STYLES[kind]}`} data-testid="status">
      {label}
    </strong>
  );
}
