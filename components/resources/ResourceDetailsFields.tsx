import { Checkbox } from "@/components/ui/Checkbox";
import { RadioGroup, TextArea, TextField } from "@/components/ui/fields";
import { RESOURCE_KINDS, WHO_CAN_BOOK, type ResourceDetails } from "@/lib/resources/schemas";
import type { FieldErrors } from "@/lib/validation";

/** The details fields in form order: what the error summary lists them by. */
export const DETAIL_FIELD_ORDER = ["name", "kind", "description", "capacity", "building", "floor", "wheelchairAccessible", "equipmentNotes", "whoCanBook", "showOnBookingPage"];

const KIND_HINTS: Record<keyof typeof RESOURCE_KINDS, string> = {
  room: "A meeting room, chamber or hall: staff see its capacity, building and floor.",
  equipment: "Something lent out, such as a projector or a pool car.",
  calendar: "A team's or an event's calendar, such as drop-in surgeries.",
};

export type DetailDefaults = Partial<Record<keyof ResourceDetails, string | number | boolean | null>>;

/**
 * A resource's details, for Add resource and Change: the same fields and the same schema (resourceDetailsSchema).
 * After a refused submission the values sent are shown again (`values`); otherwise `defaults`.
 */
export function ResourceDetailsFields({ errors, values, defaults }: { errors: FieldErrors; values?: Record<string, string | undefined>; defaults: DetailDefaults }) {
  const text = (field: keyof ResourceDetails) => (values ? (values[field] ?? "") : defaults[field] == null ? "" : String(defaults[field]));
  const ticked = (field: keyof ResourceDetails) => (values ? values[field] === "on" : defaults[field] === true);
  return (
    <>
      <TextField name="name" label="Name" hint="What staff see, like Council Chamber." autoComplete="off" defaultValue={text("name")} error={errors.name} />
      <RadioGroup
        name="kind"
        legend="What is it?"
        error={errors.kind}
        defaultValue={text("kind")}
        options={Object.entries(RESOURCE_KINDS).map(([value, label]) => ({ value, label, hint: KIND_HINTS[value as keyof typeof RESOURCE_KINDS] }))}
      />
      <TextArea name="description" label="Description (optional)" hint="Shown to staff when they choose it." rows={3} defaultValue={text("description")} error={errors.description} />
      <TextField
        name="capacity"
        label="Capacity (optional)"
        hint="How many people it seats."
        inputMode="numeric"
        autoComplete="off"
        className="!w-24"
        defaultValue={text("capacity")}
        error={errors.capacity}
      />
      <TextField name="building" label="Building (optional)" autoComplete="off" defaultValue={text("building")} error={errors.building} />
      <TextField name="floor" label="Floor (optional)" hint="For example G, 1 or First floor." autoComplete="off" className="!w-48" defaultValue={text("floor")} error={errors.floor} />
      <Checkbox name="wheelchairAccessible" label="Wheelchair accessible" defaultChecked={ticked("wheelchairAccessible")} />
      <TextArea
        name="equipmentNotes"
        label="Equipment (optional)"
        hint="Audio-visual equipment and the like, for example: hearing loop, projector."
        rows={2}
        defaultValue={text("equipmentNotes")}
        error={errors.equipmentNotes}
      />
      <RadioGroup
        name="whoCanBook"
        legend="Who can book it?"
        error={errors.whoCanBook}
        defaultValue={text("whoCanBook") || "staff"}
        options={[
          { value: "staff", label: WHO_CAN_BOOK.staff, hint: "Staff and administrators." },
          { value: "admin", label: WHO_CAN_BOOK.admin, hint: "Staff do not see it, and the server refuses their bookings of it." },
        ]}
      />
      <Checkbox
        name="showOnBookingPage"
        label="Show on the booking page"
        hint="Untick to offer it only to the site's own code, through the calendar server actions."
        defaultChecked={ticked("showOnBookingPage")}
      />
    </>
  );
}
