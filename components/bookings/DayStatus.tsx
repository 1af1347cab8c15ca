import { ProgressLink } from "@/components/ui/Pending";
import { Warning } from "@/components/ui/notices";
import type { DayPlan } from "@/lib/resources/day-view";
import { closedSentence } from "@/lib/resources/rules";

/** A day's opening times, or why it is closed, above its start times. */
export function OpeningTimes({ day }: { day: DayPlan }) {
  return (
    <p className="mb-4" data-testid="opening">
      {day.closedReason ? `${closedSentence(day.closedReason)}.` : day.opens ? `Open ${day.opens} to ${day.closes}.` : null}
    </p>
  );
}

/** Microsoft did not say whether the resource is free: no time is offered, and the day can be asked for again. */
export function AvailabilityUnknown({ resourceName, message, retryHref }: { resourceName: string; message?: string; retryHref: string }) {
  return (
    <Warning title={`The availability of ${resourceName} is unknown`} testId="availability-unknown">
      <p>{message}</p>
      <p>No time is offered until Microsoft answers.</p>
      <p>
        <ProgressLink href={retryHref} className="hub-link">
          Try again
        </ProgressLink>
      </p>
    </Warning>
  );
}
