import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "./password";
import { ROLES } from "./roles";

export const emailSchema = z
  .string({ error: "Enter an email address" })
  .trim()
  .min(1, "Enter an email address")
  .max(254, "Email address must be 254 characters or fewer")
  .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.gov.uk" }))
  .transform((value) => value.toLowerCase());

/** Signing in: only presence is checked, so the rules for new passwords never leak through error messages. */
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "Password is too long"),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const newPasswordSchema = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN_LENGTH, `Password must be ${PASSWORD_MIN_LENGTH} characters or more`)
  .max(256, "Password must be 256 characters or fewer")
  // Browsers drop line breaks from a password field, so a password with one could never be typed in to sign in.
  .refine((password) => !/[\r\n]/.test(password), "Password must be on one line: it cannot contain a line break");

export const newUserSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  role: z.enum(ROLES, { error: "Select a role" }),
  name: z.string().trim().max(100, "Name must be 100 characters or fewer").optional(),
});
export type NewUserInput = z.infer<typeof newUserSchema>;
