"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/signin/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { TextField } from "@/components/ui/fields";
import { SubmitButton } from "@/components/ui/SubmitButton";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const [state, action] = useActionState<SignInState, FormData>(signInAction, {
    errors: initialError ? { form: initialError } : {},
  });
  const { errors } = state;
  const summary = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...(errors.email ? [{ field: "email", message: errors.email }] : []),
    ...(errors.password ? [{ field: "password", message: errors.password }] : []),
  ];
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={action} noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          defaultValue={state.email ?? ""}
          error={errors.email}
          className="max-w-md"
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
          className="max-w-md"
        />
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </form>
    </>
  );
}
