import Link from "next/link";

export function Breadcrumbs({ trail }: { trail: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-6 text-base">
      <ol className="flex flex-wrap gap-2">
        {trail.map((crumb, index) => (
          <li key={crumb.label} className="flex items-center gap-2">
            {index > 0 ? <span aria-hidden="true">›</span> : null}
            {crumb.href ? (
              <Link href={crumb.href} className="hub-link inline-block py-0.5">
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Utilities › Integrations › Office365 › <current>, for the pages under the Office 365 integration. */
export function Office365Breadcrumbs({ current }: { current?: string }) {
  const base = [{ label: "Utilities" }, { href: "/utilities/integrations", label: "Integrations" }];
  return (
    <Breadcrumbs
      trail={current ? [...base, { href: "/utilities/integrations/office365", label: "Office365" }, { label: current }] : [...base, { label: "Office365" }]}
    />
  );
}
