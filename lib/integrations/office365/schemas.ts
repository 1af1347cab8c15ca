import { z } from "zod";

/** Ids of connected accounts as they arrive from forms and server actions (Prisma cuids). */
export const accountIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/, "Choose a connected account");
