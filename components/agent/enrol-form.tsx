"use client";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import { enrolAgentAction } from "@/lib/agent/account-actions";
import type { EnrolmentDto } from "@/lib/dto/agent-accounts";
import { EnrolFields, type EnrolText } from "./enrol-fields";

const loadRhf = () => import("./enrol-rhf").then((m) => m.EnrolRhf);

/** The agent's own enrolment (from the mailed link): react-hook-form on first use, the action re-parses. */
export function EnrolForm({ t, token, enrolment }: { t: EnrolText; token: string; enrolment: EnrolmentDto }) {
  const actionState = useActionFormState(enrolAgentAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form t={t} token={token} enrolment={enrolment} actionState={actionState} restore={restore} />;
  }
  return (
    <EnrolFields
      t={t}
      token={token}
      enrolment={enrolment}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      field={(name) => ({ name })}
    />
  );
}
