import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { SuccessMessage } from "@/components/ui/success-message";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { TextField } from "@/components/verify/text-field";
import { NOTE_MAX } from "@/lib/forms/agent-case";
import type { AgentCaseMessages } from "@/lib/i18n/messages/agent-case";

/** The case's two typed forms: the code the caller reads out, and a call note. */
export type CaseFieldKind = "code" | "note";
export type CaseFieldProps = { t: AgentCaseMessages; caseId: string; kind: CaseFieldKind };

type Props = CaseFieldProps & {
  actionState: ActionFormState<undefined>;
  formProps: ComponentProps<"form">;
  /** The field's name and handlers: plain, or react-hook-form's `register`. */
  field: ComponentProps<"input"> & ComponentProps<"textarea">;
  defaultValue?: string;
  clientError?: string;
};

/** The markup, the same with or without react-hook-form (case-field-form.tsx swaps them). */
export function CaseFieldFields({ t, caseId, kind, actionState, formProps, field, defaultValue, clientError }: Props) {
  const { state, pending, summarySignal, successSignal } = actionState;
  const key = clientError ?? state?.fieldErrors?.[kind]?.[0];
  const error = key ? (t.errors[key] ?? key) : undefined;
  const message = state && state.status !== "ok" && !state.fieldErrors ? state.message : undefined;
  const id = kind === "code" ? "code" : "note";
  return (
    <form {...formProps} noValidate className="space-y-4">
      <ErrorSummary
        focusSignal={summarySignal}
        level={kind === "code" ? 2 : 3}
        title={t.errorSummary}
        items={error ? [{ fieldId: id, text: error }] : []}
        message={message}
      />
      <input type="hidden" name="case" value={caseId} />
      {kind === "code" ? (
        <TextField
          id={id}
          label={t.codeLabel}
          hint={t.codeHint}
          error={error}
          autoComplete="off"
          inputMode="numeric"
          spellCheck={false}
          maxLength={14}
          defaultValue={defaultValue}
          className="max-w-[12rem] font-mono text-2xl tracking-[0.3em]"
          {...field}
        />
      ) : (
        <div className={`space-y-1.5 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}>
          <label htmlFor={id} className="block font-semibold">
            {t.noteLabel}
          </label>
          <p id="note-hint" className="text-sm text-slate-700">
            {t.noteHint}
          </p>
          {error && (
            <p id="note-error" className="text-sm font-semibold text-red-700">
              {error}
            </p>
          )}
          <textarea
            id={id}
            rows={4}
            maxLength={NOTE_MAX}
            defaultValue={defaultValue}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "note-hint note-error" : "note-hint"}
            className="block w-full max-w-2xl rounded-md border-2 border-slate-500 bg-white px-3 py-2"
            {...field}
          />
        </div>
      )}
      <SubmitButton
        pending={pending}
        label={kind === "code" ? t.verify : t.addNote}
        pendingLabel={kind === "code" ? t.verifying : t.addingNote}
      />
      {state?.status === "ok" && state.message && <SuccessMessage text={state.message} focusSignal={successSignal} />}
    </form>
  );
}
