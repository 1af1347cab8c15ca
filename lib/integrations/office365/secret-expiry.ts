import { daysBetween, formatIsoDate, todayIn } from "../../dates";
import type { CredentialType } from "./settings-fields";

/**
 * When the app registration's credential in force stops working: the client secret's expiry (as entered; secrets
 * last at most 24 months) or the certificate's (read from the certificate itself). The hub warns 30 days ahead.
 */
export const EXPIRY_WARNING_DAYS = 30;

export type Renewal = {
  /** The renewal in one sentence, for places with no room for the steps (the integrations list). */
  summary: string;
  steps: string[];
};

export type SecretExpiry =
  | { state: "unknown" }
  | { state: "ok"; expiresOn: string; daysLeft: number }
  | { state: "soon" | "expired"; expiresOn: string; daysLeft: number; title: string; consequence: string; renewal: Renewal };

const WORDING: Record<CredentialType, { name: string; consequence: string; renewal: Renewal }> = {
  secret: {
    name: "client secret",
    consequence:
      "When the client secret expires, Microsoft refuses the hub's sign-ins (AADSTS7000222): no account can be connected, the connected accounts' access cannot be renewed, and bookings can no longer read or write calendars.",
    renewal: {
      summary:
        "To renew it: in the Microsoft Entra admin center, open the hub's app registration, create a new client secret under Certificates & secrets, copy its Value, then paste it into Client secret on the Office365 page with its new expiry date and save.",
      steps: [
        "In the Microsoft Entra admin center, go to Identity > Applications > App registrations and open the hub's app.",
        "Open Certificates & secrets, choose New client secret, and pick an expiry (at most 24 months).",
        "Copy the new secret's Value (not its Secret ID) straight away: Microsoft shows it only once.",
        "On the Office 365 page of this hub, paste it into Client secret, enter the new date in Client secret expires on, and save.",
        "Once the hub works with the new secret, delete the old one in Microsoft Entra.",
      ],
    },
  },
  certificate: {
    name: "certificate",
    consequence:
      "When the certificate expires, Microsoft refuses the hub's sign-ins (AADSTS700027): no account can be connected, the connected accounts' access cannot be renewed, and bookings can no longer read or write calendars.",
    renewal: {
      summary:
        "To renew it: on the Office365 page, choose Generate a key pair and certificate (or paste a new key and certificate and save), download the new certificate, and upload it in the Microsoft Entra admin center under Certificates & secrets in the hub's app registration.",
      steps: [
        "On the Office 365 page of this hub, under Credential, choose Generate a key pair and certificate, or paste a new private key and its certificate and save. The hub signs with the new certificate from then on.",
        "Download the new certificate with the link under Certificate.",
        "In the Microsoft Entra admin center, open the hub's app registration, then Certificates & secrets > Certificates > Upload certificate, and upload the file. Entra lists it with the same thumbprint as this page.",
        "Until the new certificate is uploaded, Microsoft refuses the hub's sign-ins, so upload it straight away. To avoid even that gap, make the new certificate yourself, upload it to Entra first, and then paste it here.",
        "Once the hub works with the new certificate, delete the old one in Microsoft Entra.",
      ],
    },
  },
};

/** `expiresOn` and `today`: "YYYY-MM-DD" in the site's time zone. */
export function secretExpiry(expiresOn: string | null, today: string, credential: CredentialType = "secret"): SecretExpiry {
  if (!expiresOn) return { state: "unknown" };
  const { name, consequence, renewal } = WORDING[credential];
  const daysLeft = daysBetween(today, expiresOn);
  const when = formatIsoDate(expiresOn);
  if (daysLeft < 0) {
    return { state: "expired", expiresOn, daysLeft, title: `The Office 365 ${name} expired on ${when}`, consequence, renewal };
  }
  if (daysLeft <= EXPIRY_WARNING_DAYS) {
    const inDays = daysLeft === 0 ? "today" : daysLeft === 1 ? "tomorrow" : `in ${daysLeft} days`;
    return { state: "soon", expiresOn, daysLeft, title: `The Office 365 ${name} expires ${inDays}, on ${when}`, consequence, renewal };
  }
  return { state: "ok", expiresOn, daysLeft };
}

/** The expiry of the credential the token requests use now; the other saved credential does not matter. */
export function credentialExpiry(
  settings: { credentialType: CredentialType; clientSecretExpiresOn: string | null; certificate: { notAfter: Date } | null },
  timeZone: string,
  now = new Date(),
): SecretExpiry {
  const today = todayIn(timeZone, now);
  if (settings.credentialType === "certificate") {
    return secretExpiry(settings.certificate ? todayIn(timeZone, settings.certificate.notAfter) : null, today, "certificate");
  }
  return secretExpiry(settings.clientSecretExpiresOn, today);
}
