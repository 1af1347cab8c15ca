import { Select } from "@/components/ui/fields";
import { durationInWords } from "@/lib/resources/booking-words";

/** How long a booking is: every multiple of the resource's slot up to its longest booking, in words ("1 hour 30 minutes"). */
export function DurationField({ durations, defaultValue, error }: { durations: number[]; defaultValue: string; error?: string }) {
  return (
    <Select
      name="duration"
      label="Duration"
      error={error}
      className="!w-auto"
      defaultValue={defaultValue}
      options={durations.map((minutes) => ({ value: String(minutes), label: durationInWords(minutes) }))}
    />
  );
}
