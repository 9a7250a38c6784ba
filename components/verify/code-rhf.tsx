"use client";
import { useForm } from "react-hook-form";
import type { CodeActionData } from "@/app/(public)/verify/code/actions";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import type { VerifyCode, VerifyCodeInput } from "@/lib/forms/verify-code";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { CodeFields } from "./code-fields";

// This module is import()ed on first use (use-lazy-form.ts), so react-hook-form stays out of the page's start;
// the schema (and zod with it) loads the same way, on first check (lazy-resolver.ts).
const verifyCode = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.verifyCodeResolver));

type Props = { t: VerifyClientMessages; actionState: ActionFormState<CodeActionData>; restore: Restore };

/** Step two with react-hook-form: checks the code's shape in the browser before posting. */
export function CodeRhf({ t, actionState, restore }: Props) {
  const code = restore.values.code ?? "";
  const form = useForm<VerifyCodeInput, unknown, VerifyCode>({
    resolver: verifyCode.resolver,
    defaultValues: { code },
    shouldFocusError: false,
  });
  verifyCode.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  return (
    <CodeFields
      t={t}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      code={form.register("code")}
      defaultCode={code}
      clientError={form.formState.errors.code?.message}
    />
  );
}
