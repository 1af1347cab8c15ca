import { describeAuthorizeError, explainAadsts } from "./microsoft-errors";

/**
 * Why connecting an account did not work, in words. The callback passes only a short code to the Office 365 page (never
 * text from the query string, which anyone could craft), and the page turns it into a message here.
 */
const MESSAGES: Record<string, string> = {
  no_code: "Microsoft did not send back an authorization code. Connect the account again.",
  no_refresh_token:
    "Microsoft did not grant offline access, so the hub could not keep the account connected. Check that offline_access is among the app's delegated permissions, then connect again.",
  reconnect_other_account:
    "You signed in at Microsoft as a different account from the one you were reconnecting. Choose Reconnect again and sign in as that account.",
  id_token_invalid: "Microsoft's answer could not be verified, so no account was connected. Check Tenant and Cloud, then connect again.",
  no_id_token: "Microsoft did not say which organisation the account belongs to. Check that openid is among the app's delegated permissions.",
  identity_mismatch: "Microsoft Graph answered for a different account than the one that signed in. Connect the account again.",
  no_email: "Microsoft did not give an email address or sign-in name for the account, so it cannot be listed.",
  not_configured: "Save the Office 365 settings before connecting an account.",
  graph_forbidden: "Microsoft Graph would not read the account's profile. Add the User.Read delegated permission to the app registration, then connect again.",
  graph_unauthorized: "Microsoft Graph did not accept the new sign-in. Connect the account again.",
  graph_throttled: "Microsoft is limiting requests at the moment. Wait a minute, then connect the account again.",
  graph_unavailable: "Microsoft Graph is not answering properly at the moment. Try again in a few minutes.",
  graph_unreachable: "The hub could not reach Microsoft Graph. Check the server's outbound connection, then try again.",
  microsoft_transient: "Microsoft's sign-in service did not answer. Check the server's outbound connection, or try again in a few minutes.",
  admin_consent_missing: "Microsoft did not confirm that admin consent was granted. Try Grant admin consent again.",
  permission_denied: "Admin consent was not granted. A Global Administrator or Privileged Role Administrator must accept it.",
  encryption_key_changed: "The hub's encryption key has changed, so the saved client secret cannot be read. Enter the client secret again and save.",
};

export function describeConnectProblem(problem: string, aadsts?: number): string {
  const numbered = aadsts ?? (/^AADSTS(\d+)$/.exec(problem) ? Number(problem.slice(6)) : undefined);
  const known = explainAadsts(numbered);
  if (known) return known;
  if (MESSAGES[problem]) return MESSAGES[problem];
  if (numbered) return `Microsoft refused to connect the account (AADSTS${numbered}). Check the settings and the app registration, then try again.`;
  if (/^[a-z_]+$/.test(problem) && !problem.startsWith("microsoft_")) return describeAuthorizeError(problem);
  return `The account could not be connected (${problem}). Try again; if it keeps happening, the server's log has the details.`;
}

export const STATE_PROBLEMS = {
  missing: {
    title: "This sign-in did not come from the hub",
    body: "Microsoft's answer did not carry the hub's security code (state), so nothing was saved. Start again with Connect account.",
  },
  unknown: {
    title: "This sign-in link is not valid",
    body: "The hub did not issue this request, or it has already been used. Each Connect account works once. Nothing was saved: start again with Connect account.",
  },
  expired: {
    title: "The sign-in took too long",
    body: "Signing in at Microsoft must be finished within 10 minutes of choosing Connect account. Nothing was saved: start again with Connect account.",
  },
  other_admin: {
    title: "This sign-in was started by a different administrator",
    body: "Each hub administrator must start their own connection. Nothing was saved: choose Connect account yourself.",
  },
  signed_out: {
    title: "You were signed out of the hub",
    body: "Your hub session ended while you were signing in at Microsoft, so nothing was saved. Sign in again, then choose Connect account.",
  },
} as const;

export type StateProblemReason = keyof typeof STATE_PROBLEMS;
