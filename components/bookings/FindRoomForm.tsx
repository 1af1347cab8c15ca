import Form from "next/form";
import { DateInput, dateParts } from "@/components/ui/DateInput";
import { ErrorMessage } from "@/components/ui/fields";
import { ProgressSubmit } from "@/components/ui/Pending";

export type FindRoomValues = { date: string; time?: string; duration?: string; people?: string; building?: string; wheelchair?: boolean };
export type FindRoomErrors = Partial<Record<"on" | "time" | "duration" | "people", string>>;

const DURATIONS = [30, 60, 90, 120, 180, 240];

/** Find a room: when, for how long, for how many, where. A GET form to the results, so a search has its own address. */
export function FindRoomForm({ buildings, date, values, errors = {} }: { buildings: string[]; date: string; values?: FindRoomValues; errors?: FindRoomErrors }) {
  const field = (name: keyof FindRoomErrors) => (errors[name] ? "border-l-4 border-danger pl-4" : "");
  return (
    <Form action="/bookings/find" className="max-w-2xl" aria-label="Find a room">
      <DateInput name="on" legend="Date" hint="For example, 27 3 2027" value={dateParts(values?.date ?? date)} error={errors.on} />
      <div className={`mb-6 ${field("time")}`}>
        <label htmlFor="time" className="mb-1 block font-bold">
          Start time
        </label>
        <div id="time-hint" className="mb-2 text-muted">
          24-hour clock, for example 14:30
        </div>
        {errors.time ? <ErrorMessage id="time-error">{errors.time}</ErrorMessage> : null}
        <input
          id="time"
          name="time"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values?.time ?? "10:00"}
          aria-describedby={errors.time ? "time-hint time-error" : "time-hint"}
          aria-invalid={errors.time ? true : undefined}
          className="hub-input !w-24"
        />
      </div>
      <div className={`mb-6 ${field("duration")}`}>
        <label htmlFor="find-duration" className="mb-1 block font-bold">
          Duration
        </label>
        {errors.duration ? <ErrorMessage id="find-duration-error">{errors.duration}</ErrorMessage> : null}
        <select id="find-duration" name="duration" defaultValue={values?.duration ?? "60"} className="hub-input !w-auto">
          {DURATIONS.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes < 60 ? `${minutes} minutes` : `${minutes / 60} hour${minutes === 60 ? "" : "s"}`}
            </option>
          ))}
        </select>
      </div>
      <div className={`mb-6 ${field("people")}`}>
        <label htmlFor="people" className="mb-1 block font-bold">
          Number of people (optional)
        </label>
        {errors.people ? <ErrorMessage id="people-error">{errors.people}</ErrorMessage> : null}
        <input id="people" name="people" inputMode="numeric" defaultValue={values?.people} aria-invalid={errors.people ? true : undefined} className="hub-input !w-24" />
      </div>
      {buildings.length > 0 ? (
        <div className="mb-6">
          <label htmlFor="building" className="mb-1 block font-bold">
            Building (optional)
          </label>
          <select id="building" name="building" defaultValue={values?.building ?? ""} className="hub-input !w-auto max-w-full">
            <option value="">Any building</option>
            {buildings.map((building) => (
              <option key={building} value={building}>
                {building}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="mb-6 flex items-start gap-3">
        <input id="wheelchair" name="wheelchair" type="checkbox" defaultChecked={values?.wheelchair} className="hub-radio !rounded-none" />
        <label htmlFor="wheelchair" className="pt-1.5">
          Wheelchair accessible
        </label>
      </div>
      <ProgressSubmit>Find a room</ProgressSubmit>
    </Form>
  );
}
