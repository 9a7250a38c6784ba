"use client";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import { createAgentAccountAction } from "@/lib/agent/account-actions";
import { CreateAgentFields, type CreateAgentText } from "./create-agent-fields";

const loadRhf = () => import("./create-agent-rhf").then((m) => m.CreateAgentRhf);

/** A supervisor creates an account: checked in the browser (react-hook-form, loaded on first use), then again by the action. */
export function CreateAgentForm({ t }: { t: CreateAgentText }) {
  const actionState = useActionFormState(createAgentAccountAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form t={t} actionState={actionState} restore={restore} />;
  }
  return (
    <CreateAgentFields
      t={t}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      field={(name) => ({ name })}
    />
  );
}
