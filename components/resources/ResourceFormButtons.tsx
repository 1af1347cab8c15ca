import Link from "next/link";
import { SubmitButton } from "@/components/ui/SubmitButton";

/** The buttons of a form that changes a resource: save (saying what it waits for), or Cancel back to its page. */
export function ResourceFormButtons({ resourceId, children, pendingText }: { resourceId: string; children: string; pendingText: string }) {
  return (
    <div className="flex flex-wrap items-center gap-6">
      <SubmitButton pendingText={pendingText}>{children}</SubmitButton>
      <Link href={`/utilities/resources/${resourceId}`} className="hub-link inline-block py-0.5">
        Cancel
      </Link>
    </div>
  );
}
