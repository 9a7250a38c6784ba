"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import type { EnrolmentDto } from "@/lib/dto/agent-accounts";
import type { EnrolInput, EnrolValues } from "@/lib/forms/agent-accounts";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { EnrolFields, type EnrolText } from "./enrol-fields";

const enrol = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.enrolResolver));

type Props = {
  t: EnrolText;
  token: string;
  enrolment: EnrolmentDto;
  actionState: ActionFormState<undefined>;
  restore: Restore;
};

export function EnrolRhf({ t, token, enrolment, actionState, restore }: Props) {
  const form = useForm<EnrolInput, unknown, EnrolValues>({
    resolver: enrol.resolver,
    defaultValues: {
      token,
      ...(enrolment.setPassword ? { password: restore.values.password ?? "" } : {}),
      ...(enrolment.factor ? { code: restore.values.code ?? "" } : {}),
    },
    shouldFocusError: false,
  });
  enrol.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  const errors = form.formState.errors;
  return (
    <EnrolFields
      t={t}
      token={token}
      enrolment={enrolment}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      field={(name) => form.register(name)}
      clientErrors={{ password: errors.password?.message, code: errors.code?.message }}
    />
  );
}
