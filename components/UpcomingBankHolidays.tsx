import { formatIsoDate } from "@/lib/dates";

/**
 * What the chosen bank holidays mean, shown under the settings form: each date in words with its weekday (so a
 * substitute Monday reads as one) and the holiday's name.
 */
export function UpcomingBankHolidays({ regionLabel, holidays }: { regionLabel: string | null; holidays: { date: string; name: string }[] }) {
  return (
    <section aria-labelledby="upcoming-bank-holidays" className="mt-10 max-w-xl" data-testid="upcoming-bank-holidays">
      <h2 id="upcoming-bank-holidays">{regionLabel ? `Bank holidays in ${regionLabel} in the next 12 months` : "Bank holidays"}</h2>
      {regionLabel === null ? (
        <p>No bank holidays are chosen, so resources close only on the dates added to each of them.</p>
      ) : (
        <table className="hub-table">
          <caption className="sr-only">Bank holidays in {regionLabel} in the next 12 months</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Bank holiday</th>
            </tr>
          </thead>
          <tbody>
            {holidays.map((holiday) => (
              <tr key={holiday.date} data-testid="bank-holiday">
                <th scope="row" className="font-normal">
                  <time dateTime={holiday.date}>{formatIsoDate(holiday.date, { weekday: true })}</time>
                </th>
                <td data-label="Bank holiday">{holiday.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
