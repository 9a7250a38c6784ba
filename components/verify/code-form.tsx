"use client";
import { submitVerificationCode } from "@/app/(public)/verify/code/actions";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { CodeFields } from "./code-fields";

/** react-hook-form loads on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./code-rhf").then((m) => m.CodeRhf);

/** Verification step two: the 10-digit code. */
export function CodeForm({ t, initialCode }: { t: VerifyClientMessages; initialCode?: string }) {
  const actionState = useActionFormState(submitVerificationCode);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form t={t} actionState={actionState} restore={restore} />;
  }
  return (
    <CodeFields
      t={t}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      code={{ name: "code" }}
      defaultCode={initialCode}
    />
  );
}
