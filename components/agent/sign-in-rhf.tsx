"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import type { AgentSignInInput, AgentSignInValues } from "@/lib/forms/agent-sign-in";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { SignInFormText } from "@/lib/i18n/messages/agent";
import { SignInFields } from "./sign-in-fields";

// This module is import()ed on first use (use-lazy-form.ts), so react-hook-form stays out of the page's start;
// the schema (and zod with it) loads the same way, on first check (lazy-resolver.ts).
const agentSignIn = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.agentSignInResolver));

type Props = { t: SignInFormText; notice?: string; actionState: ActionFormState<undefined>; restore: Restore };

/** Agent sign-in with react-hook-form: checks the fields in the browser before posting. */
export function SignInRhf({ t, notice, actionState, restore }: Props) {
  const form = useForm<AgentSignInInput, unknown, AgentSignInValues>({
    resolver: agentSignIn.resolver,
    defaultValues: {
      email: restore.values.email ?? "",
      password: restore.values.password ?? "",
      code: restore.values.code ?? "",
    },
    shouldFocusError: false,
  });
  agentSignIn.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  const errors = form.formState.errors;
  return (
    <SignInFields
      t={t}
      notice={notice}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      field={(name) => form.register(name)}
      clientErrors={{
        email: errors.email?.message,
        password: errors.password?.message,
        code: errors.code?.message,
      }}
    />
  );
}
