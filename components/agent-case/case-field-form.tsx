"use client";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import { checkCodeFormAction, noteFormAction } from "@/lib/agent/console-actions";
import { CaseFieldFields, type CaseFieldProps } from "./case-field-fields";

/** react-hook-form and the schema load on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./case-field-rhf").then((m) => m.CaseFieldRhf);

/** The code the caller reads out, or a call note: checked in the browser, then re-parsed by the action. */
export function CaseFieldForm(props: CaseFieldProps) {
  const actionState = useActionFormState(props.kind === "code" ? checkCodeFormAction : noteFormAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form {...props} actionState={actionState} restore={restore} />;
  }
  return (
    <CaseFieldFields
      {...props}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      field={{ name: props.kind }}
    />
  );
}
