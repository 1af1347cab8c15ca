import { describeError, isErrorCode, type ErrorCode } from "../../errors";
import { aadstsErrorCode } from "./microsoft-errors";

/**
 * Why connecting an account did not work, in words. The callback passes only a code of the hub's catalogue to the
 * Office 365 page (never text from the query string, which anyone could craft), and the page turns it into words
 * here. A code whose words need details the query cannot carry is described with what connecting was doing.
 */
const CONNECT_CONTEXT = {
  graph_forbidden: { permission: "User.Read", subject: "the signed-in account's profile", access: "delegated" },
  graph_throttled: { subject: "the signed-in account's profile" },
  graph_unavailable: {},
  id_token_invalid: {},
  microsoft_sign_in_unavailable: {},
} as const;

export function describeConnectProblem(problem: string, aadsts?: number): string {
  const known = aadstsErrorCode(aadsts);
  if (!isErrorCode(problem) || problem === "microsoft_refused") return known ? describeError(known as "no_code", undefined) : describeError("microsoft_refused", { aadsts });
  const params = (CONNECT_CONTEXT as Partial<Record<ErrorCode, unknown>>)[problem];
  return describeError(problem, params as never);
}

/** The connect-failed page's headings; the body is the code's words. */
export const STATE_PROBLEMS = {
  state_missing: "This sign-in did not come from the hub",
  state_unknown: "This sign-in link is not valid",
  state_expired: "The sign-in took too long",
  state_other_admin: "This sign-in was started by a different administrator",
  signed_out: "You were signed out of the hub",
} as const satisfies Partial<Record<ErrorCode, string>>;

export type StateProblem = keyof typeof STATE_PROBLEMS;

export function isStateProblem(value: unknown): value is StateProblem {
  return typeof value === "string" && Object.hasOwn(STATE_PROBLEMS, value);
}
