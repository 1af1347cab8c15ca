import { environment } from "../../config";

/**
 * The OAuth redirect URI admins register at Microsoft. The path is the original product's, so existing app
 * registrations keep working when a site moves to the hub. Microsoft compares it exactly (AADSTS50011).
 */
export const CALLBACK_PATH = "/jadu/integrations/office365/callback";

export function redirectUri(publicUrl = environment().publicUrl): string {
  return `${publicUrl}${CALLBACK_PATH}`;
}
