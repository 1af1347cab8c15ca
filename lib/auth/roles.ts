/** Hub users' roles. Admins manage integrations and settings; staff (a later issue) may book but not change settings. */
export const ROLES = ["admin", "staff"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
