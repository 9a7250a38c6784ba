"use client";
import { confirmRewardsLinkAction } from "@/app/(public)/rewards/[token]/actions";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import type { RewardsClientMessages } from "@/lib/i18n/messages/letter-rewards";
import { ConfirmFields } from "./confirm-fields";

/** react-hook-form loads on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./confirm-rhf").then((m) => m.ConfirmRhf);

/** The rewards link's one question: the member's last name. Posting it is what uses the link. */
export function ConfirmForm({ t, token }: { t: RewardsClientMessages; token: string }) {
  const actionState = useActionFormState(confirmRewardsLinkAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form t={t} token={token} actionState={actionState} restore={restore} />;
  }
  return (
    <ConfirmFields
      t={t}
      token={token}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      lastName={{ name: "lastName" }}
    />
  );
}
