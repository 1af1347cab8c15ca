"use client";

import { useActionState } from "react";
import { addMailbox, type MailboxFormState } from "@/app/utilities/integrations/office365/actions";
import { Address } from "@/components/ui/Address";
import { ErrorSummary } from "@/components/ui/ErrorSummary";
import { TextField } from "@/components/ui/fields";
import { Banner } from "@/components/ui/notices";
import { SubmitButton } from "@/components/ui/SubmitButton";

/** Add a room or shared mailbox by address; the hub checks it can read its calendar before saving anything. */
export function AddMailboxForm() {
  const [state, action] = useActionState<MailboxFormState, FormData>(addMailbox, { status: "idle" });
  return (
    <>
      {state.status === "added" ? <Banner kind="success" title={state.message ?? "Mailbox added"} testId="mailbox-added" focus={state} /> : null}
      <ErrorSummary errors={state.status === "invalid" && state.message ? [{ field: "address", message: state.message }] : []} />
      <form action={action} noValidate className="max-w-xl">
        <TextField
          name="address"
          label="Mailbox address"
          hint={<Address>{"For example room.council-chamber@example.gov.uk. The hub checks that it can read the mailbox's calendar before adding it."}</Address>}
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={state.status === "invalid" ? state.address : ""}
          error={state.status === "invalid" ? state.message : undefined}
        />
        <SubmitButton pendingText="Checking with Microsoft…">Add mailbox</SubmitButton>
      </form>
    </>
  );
}
