/** Prisma's "unique constraint failed" (P2002), whichever database: another writer created the row first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
