import { daysBetween, formatIsoDate } from "../../dates";

/** Client secrets last at most 24 months; the hub warns 30 days ahead. */
export const EXPIRY_WARNING_DAYS = 30;

export type SecretExpiry =
  | { state: "unknown" }
  | { state: "ok"; expiresOn: string; daysLeft: number }
  | { state: "soon" | "expired"; expiresOn: string; daysLeft: number; title: string; consequence: string };

const CONSEQUENCE =
  "When the client secret expires, Microsoft refuses the hub's sign-ins (AADSTS7000222): no account can be connected, the connected accounts' access cannot be renewed, and bookings can no longer read or write calendars.";

/** `today`: "YYYY-MM-DD" in the site's time zone. */
export function secretExpiry(expiresOn: string | null, today: string): SecretExpiry {
  if (!expiresOn) return { state: "unknown" };
  const daysLeft = daysBetween(today, expiresOn);
  const when = formatIsoDate(expiresOn);
  if (daysLeft < 0) {
    return { state: "expired", expiresOn, daysLeft, title: `The Office 365 client secret expired on ${when}`, consequence: CONSEQUENCE };
  }
  if (daysLeft <= EXPIRY_WARNING_DAYS) {
    const inDays = daysLeft === 0 ? "today" : daysLeft === 1 ? "tomorrow" : `in ${daysLeft} days`;
    return { state: "soon", expiresOn, daysLeft, title: `The Office 365 client secret expires ${inDays}, on ${when}`, consequence: CONSEQUENCE };
  }
  return { state: "ok", expiresOn, daysLeft };
}

/** The renewal in one sentence, for places with no room for the steps (the integrations list). */
export const RENEWAL_SUMMARY =
  "To renew it: in the Microsoft Entra admin center, open the hub's app registration, create a new client secret under Certificates & secrets, copy its Value, then paste it into Client secret on the Office365 page with its new expiry date and save.";

export const RENEWAL_STEPS = [
  "In the Microsoft Entra admin center, go to Identity > Applications > App registrations and open the hub's app.",
  "Open Certificates & secrets, choose New client secret, and pick an expiry (at most 24 months).",
  "Copy the new secret's Value (not its Secret ID) straight away: Microsoft shows it only once.",
  "On the Office 365 page of this hub, paste it into Client secret, enter the new date in Client secret expires on, and save.",
  "Once the hub works with the new secret, delete the old one in Microsoft Entra.",
];
