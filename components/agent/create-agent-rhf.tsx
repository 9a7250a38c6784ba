"use client";
import { useForm } from "react-hook-form";
import { type ActionFormState, useRhfSubmit } from "@/components/ui/use-action-form";
import { type Restore, useRestoreLazyForm } from "@/components/ui/use-lazy-form";
import type { CreateAgentInput, CreateAgentValues } from "@/lib/forms/agent-accounts";
import { lazyResolver } from "@/lib/forms/lazy-resolver";
import { CreateAgentFields, type CreateAgentText } from "./create-agent-fields";

const createAgent = lazyResolver(() => import("@/lib/forms/resolvers").then((m) => m.createAgentResolver));

type Props = { t: CreateAgentText; actionState: ActionFormState<undefined>; restore: Restore };

export function CreateAgentRhf({ t, actionState, restore }: Props) {
  const form = useForm<CreateAgentInput, unknown, CreateAgentValues>({
    resolver: createAgent.resolver,
    defaultValues: {
      name: restore.values.name ?? "",
      email: restore.values.email ?? "",
      role: restore.values.role === "supervisor" ? "supervisor" : "agent",
    },
    shouldFocusError: false,
  });
  createAgent.warm();
  const onSubmit = useRhfSubmit(form, actionState);
  useRestoreLazyForm(actionState.formRef, restore);
  const errors = form.formState.errors;
  return (
    <CreateAgentFields
      t={t}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, onSubmit }}
      field={(name) => form.register(name)}
      clientErrors={{ name: errors.name?.message, email: errors.email?.message, role: errors.role?.message }}
    />
  );
}
