import { Role } from "../db/enums";

/** Hub users' roles. Admins manage integrations and settings; staff may book but not change settings. */
export const ROLES = Object.values(Role);
export type { Role };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
