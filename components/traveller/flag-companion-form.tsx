"use client";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import { flagCompanionAction } from "@/lib/traveller/actions";
import { FlagCompanionFields, type FlagCompanionProps } from "./flag-companion-fields";

/** react-hook-form and the schema load on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./flag-companion-rhf").then((m) => m.FlagCompanionRhf);

/**
 * "Ask us to contact them". Asks for an email only when we have none on file; the server re-parses the same
 * schema, re-checks that the companion is on the session's booking, and stores one flag per companion.
 */
export function FlagCompanionForm(props: FlagCompanionProps) {
  const actionState = useActionFormState(flagCompanionAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  const { state } = actionState;

  // Already flagged and nothing more we could use: just say so.
  if (props.flagged && props.hasEmailOnFile && state?.status !== "ok") {
    return <p className="text-slate-700">{props.t.flaggedIntro}</p>;
  }
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form {...props} actionState={actionState} restore={restore} />;
  }
  return (
    <FlagCompanionFields
      {...props}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      email={{ name: "contactEmail" }}
    />
  );
}
