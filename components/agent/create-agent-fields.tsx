import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { TextField } from "@/components/verify/text-field";
import { formErrorText } from "@/lib/i18n/locales";
import type { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";

export type CreateAgentText = Pick<
  (typeof agentAccountMessages)["en"],
  "formErrors" | "errorSummaryTitle" | "nameLabel" | "emailLabel" | "roleLabel" | "role" | "createSubmit" | "pending"
>;
export const CREATE_AGENT_KEYS = [
  "formErrors",
  "errorSummaryTitle",
  "nameLabel",
  "emailLabel",
  "roleLabel",
  "role",
  "createSubmit",
  "pending",
] as const;

export type CreateAgentField = "name" | "email" | "role";

type Props = {
  t: CreateAgentText;
  actionState: ActionFormState<undefined>;
  formProps: ComponentProps<"form">;
  field: (name: CreateAgentField) => ComponentProps<"input"> & ComponentProps<"select">;
  clientErrors?: Partial<Record<CreateAgentField, string>>;
};

/** The create-account form's markup, with or without react-hook-form (create-agent-form.tsx swaps them). */
export function CreateAgentFields({ t, actionState, formProps, field, clientErrors }: Props) {
  const { state, pending, summarySignal, successSignal } = actionState;
  const errorOf = (f: CreateAgentField) =>
    formErrorText(clientErrors?.[f] ?? state?.fieldErrors?.[f]?.[0], t.formErrors);
  const items = (["name", "email", "role"] as const).flatMap((f) => {
    const text = errorOf(f);
    return text ? [{ fieldId: `new-agent-${f}`, text }] : [];
  });
  const message = state && state.status === "error" ? state.message : undefined;
  return (
    <form {...formProps} noValidate className="max-w-md space-y-5">
      <ErrorSummary focusSignal={summarySignal} title={t.errorSummaryTitle} items={items} message={message} />
      {state?.status === "ok" && (
        <p role="status" key={successSignal} className="rounded-md bg-brand-50 p-3">
          {state.message}
        </p>
      )}
      <TextField
        id="new-agent-name"
        label={t.nameLabel}
        autoComplete="off"
        error={errorOf("name")}
        {...field("name")}
      />
      <TextField
        id="new-agent-email"
        label={t.emailLabel}
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={errorOf("email")}
        {...field("email")}
      />
      <div className="space-y-1.5">
        <label htmlFor="new-agent-role" className="block text-base font-semibold">
          {t.roleLabel}
        </label>
        <select
          id="new-agent-role"
          className="rounded-md border-2 border-slate-700 px-3 py-2"
          defaultValue="agent"
          {...field("role")}
        >
          <option value="agent">{t.role.agent}</option>
          <option value="supervisor">{t.role.supervisor}</option>
        </select>
      </div>
      <SubmitButton pending={pending} label={t.createSubmit} pendingLabel={t.pending} />
    </form>
  );
}
