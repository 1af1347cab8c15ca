"use server";

import { CredentialsSignin } from "next-auth";
import { signIn, signOut, SignInLocked } from "@/lib/auth/config";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInSchema } from "@/lib/auth/schemas";
import { formatDateTime } from "@/lib/dates";
import { describeError } from "@/lib/errors";
import { readSiteTimeZone } from "@/lib/site-settings";
import { fieldErrors, formValues, type FieldErrors } from "@/lib/validation";

export type SignInState = {
  errors: FieldErrors<"email" | "password" | "form">;
  email?: string;
};


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
      const until = formatDateTime(error.retryAt, await readSiteTimeZone());
      return { email: parsed.data.email, errors: { form: describeError("sign_in_locked", { minutes, until }) } };
    }
    if (error instanceof CredentialsSignin) {
      return { email: parsed.data.email, errors: { password: describeError("invalid_credentials", undefined) } };
    }
    throw error; // Next's redirect after a successful sign-in travels as an exception too.
  }
  return { errors: {} };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin?signedOut=1" });
}
