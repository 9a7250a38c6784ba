"use client";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import { signInAgentAction } from "@/lib/agent/actions";
import type { SignInFormText } from "@/lib/i18n/messages/agent";
import { SignInFields } from "./sign-in-fields";

/** react-hook-form loads on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./sign-in-rhf").then((m) => m.SignInRhf);

/**
 * Agent sign-in: checked in the browser, then again by the server action (same schema), which sets the cookie.
 * `t` is the page's one-language slice, so the catalogue stays out of the browser's JavaScript.
 */
export function AgentSignInForm({ t, notice }: { t: SignInFormText; notice?: string }) {
  const actionState = useActionFormState(signInAgentAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form t={t} notice={notice} actionState={actionState} restore={restore} />;
  }
  return (
    <SignInFields
      t={t}
      notice={notice}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      field={(name) => ({ name })}
    />
  );
}
