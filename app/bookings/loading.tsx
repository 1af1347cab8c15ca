import { WAITING_FOR_MICROSOFT } from "@/components/ui/Pending";

/** Shown while the booking page waits on Microsoft (calendars, availability). */
export default function Loading() {
  return (
    <div role="status" className="flex items-center gap-3 py-8" data-testid="loading">
      <span aria-hidden="true" className="inline-block size-6 animate-spin rounded-full border-4 border-brand border-t-transparent" />
      <span className="text-xl">{WAITING_FOR_MICROSOFT}</span>
    </div>
  );
}
