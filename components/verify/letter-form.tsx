"use client";
import { verifyWithLetterAction } from "@/app/(public)/verify/letter/actions";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import type { LetterClientMessages } from "@/lib/i18n/messages/letter-rewards";
import { LetterFields } from "./letter-fields";

/** react-hook-form loads on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./letter-rhf").then((m) => m.LetterRhf);

/** "I have a letter": booking reference, last name, date of birth and the notice code, in one step. */
export function LetterForm({ t }: { t: LetterClientMessages }) {
  const actionState = useActionFormState(verifyWithLetterAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form t={t} actionState={actionState} restore={restore} />;
  }
  return (
    <LetterFields
      t={t}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      field={(name) => ({ name })}
    />
  );
}
