"use client";

import { useActionState } from "react";
import { addHubUser, type UserFormState } from "@/app/utilities/users/actions";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { RadioGroup, TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";

const ROLE_OPTIONS = [
  { value: "staff", label: "Staff", hint: "Can use the booking page and the calendar actions, but not integrations or settings." },
  { value: "admin", label: "Administrator", hint: "Can also connect accounts, change settings and manage hub users." },
];

export function AddUserForm() {
  const [state, action] = useActionState<UserFormState, FormData>(addHubUser, { status: "idle", errors: {} });
  const { errors } = state;
  const summary = (["form", "email", "role", "password"] as const)
    .filter((field) => errors[field])
    .map((field) => ({ field: field === "form" ? undefined : field, message: errors[field]! }));
  return (
    <>
      {state.status === "added" ? <Banner kind="success" title="User added" testId="user-added" focus={state}><p>{state.message}</p></Banner> : null}
      <ErrorSummary errors={summary} />
      <form action={action} noValidate className="max-w-xl">
        <TextField name="email" label="Email" type="email" autoComplete="off" spellCheck={false} defaultValue={state.status === "invalid" ? state.email : ""} error={errors.email} />
        <RadioGroup name="role" legend="Role" error={errors.role} options={ROLE_OPTIONS} defaultValue="staff" />
        <TextField
          name="password"
          label="Password"
          hint="12 characters or more. Give it to the person securely; they can have it reset with npm run admin -- set-password."
          type="password"
          autoComplete="new-password"
          error={errors.password}
        />
        <SubmitButton pendingText="Adding…">Add user</SubmitButton>
      </form>
    </>
  );
}
