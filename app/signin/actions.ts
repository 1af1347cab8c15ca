"use server";

import { CredentialsSignin } from "next-auth";
import { signIn, signOut, SignInLocked } from "@/lib/auth/config";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInSchema } from "@/lib/auth/schemas";
import { formatDateTime } from "@/lib/dates";
import { readSiteTimeZone } from "@/lib/site-settings";
import { fieldErrors, formValues, type FieldErrors } from "@/lib/validation";

export type SignInState = {
  errors: FieldErrors<"email" | "password" | "form">;
  email?: string;
};

const INVALID_CREDENTIALS_MESSAGE = "The email address or password is incorrect";

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const values = formValues(formData, ["email", "password", "callbackUrl"]);
  const parsed = signInSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), email: values.email };

  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirectPath(values.callbackUrl),
    });
  } catch (error) {
    if (error instanceof SignInLocked) {
      const minutes = Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 60_000));
      return {
        email: parsed.data.email,
        errors: {
          form: `There have been too many failed attempts to sign in, so signing in is blocked for now. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, after ${formatDateTime(error.retryAt, await readSiteTimeZone())}.`,
        },
      };
    }
    if (error instanceof CredentialsSignin) {
      return { email: parsed.data.email, errors: { password: INVALID_CREDENTIALS_MESSAGE } };
    }
    throw error; // Next's redirect after a successful sign-in travels as an exception too.
  }
  return { errors: {} };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin?signedOut=1" });
}
