"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { newUserSchema } from "@/lib/auth/schemas";
import { createUser, removeUser } from "@/lib/auth/users";
import { isHubError } from "@/lib/errors";
import { fieldErrors, formValues, type FieldErrors, type MessageState } from "@/lib/validation";

export type UserFormState = { status: "idle" | "added" | "invalid"; errors: FieldErrors<"email" | "role" | "password" | "form">; message?: string; email?: string };

export async function addHubUser(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  const values = formValues(formData, ["email", "role", "password"]);
  try {
    const admin = await requireUser("admin");
    // Parsed here as well as in createUser, so that every wrong field is reported at once rather than the first.
    const parsed = newUserSchema.safeParse({ email: values.email ?? "", role: values.role ?? "", password: values.password ?? "" });
    if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error), email: values.email };
    const user = await createUser(parsed.data, admin);
    revalidatePath("/utilities/users");
    return { status: "added", errors: {}, message: `${user.email} can now sign in as ${user.role === "admin" ? "an administrator" : "staff"}.` };
  } catch (error) {
    if (!isHubError(error)) throw error;
    const field = (["email", "role", "password"] as const).find((name) => name === error.field) ?? "form";
    return { status: "invalid", errors: { [field]: error.message }, email: values.email };
  }
}

export async function removeHubUser(_previous: MessageState, formData: FormData): Promise<MessageState> {
  let email: string;
  try {
    const admin = await requireUser("admin");
    ({ email } = await removeUser(admin, String(formData.get("userId") ?? "")));
  } catch (error) {
    if (isHubError(error)) return { status: "failed", message: error.message };
    throw error;
  }
  revalidatePath("/utilities/users");
  redirect(`/utilities/users?removed=${encodeURIComponent(email)}`);
}
