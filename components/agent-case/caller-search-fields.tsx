import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFormState } from "@/components/ui/use-action-form";
import { TextField } from "@/components/verify/text-field";
import type { SearchData } from "@/lib/agent/console-actions";
import { SEARCH_KINDS, type SearchKind } from "@/lib/forms/agent-case";
import type { AgentCaseMessages } from "@/lib/i18n/messages/agent-case";

export type CallerSearchProps = { t: AgentCaseMessages };

type Props = CallerSearchProps & {
  actionState: ActionFormState<SearchData>;
  formProps: ComponentProps<"form">;
  /** Each control's name and handlers: plain, or react-hook-form's `register`. */
  kind: ComponentProps<"input">;
  value: ComponentProps<"input">;
  defaults: { kind: string; value: string };
  clientErrors?: { kind?: string; value?: string };
};

const LABEL: Record<SearchKind, "kindBooking" | "kindRewards" | "kindEmail"> = {
  booking: "kindBooking",
  rewards: "kindRewards",
  email: "kindEmail",
};

/** The search form's markup, the same with or without react-hook-form (caller-search-form.tsx swaps them). */
export function CallerSearchFields({ t, actionState, formProps, kind, value, defaults, clientErrors }: Props) {
  const { state, pending, summarySignal } = actionState;
  const errorOf = (field: "kind" | "value") => {
    const key = clientErrors?.[field] ?? state?.fieldErrors?.[field]?.[0];
    return key ? (t.errors[key] ?? key) : undefined;
  };
  const kindError = errorOf("kind");
  const valueError = errorOf("value");
  const message = state && state.status !== "ok" && !state.fieldErrors ? state.message : undefined;
  const items = [
    ...(kindError ? [{ fieldId: "kind-booking", text: kindError }] : []),
    ...(valueError ? [{ fieldId: "value", text: valueError }] : []),
  ];
  return (
    <form {...formProps} noValidate className="space-y-5">
      <ErrorSummary focusSignal={summarySignal} level={2} title={t.errorSummary} items={items} message={message} />
      <fieldset className="space-y-2" aria-describedby={kindError ? "kind-error" : undefined}>
        <legend className="text-base font-semibold">{t.kindLegend}</legend>
        {kindError && (
          <p id="kind-error" className="text-sm font-semibold text-red-700">
            {kindError}
          </p>
        )}
        <div className="flex flex-wrap gap-4">
          {SEARCH_KINDS.map((k) => (
            <label key={k} className="inline-flex items-center gap-2 text-lg">
              <input
                type="radio"
                id={`kind-${k}`}
                value={k}
                defaultChecked={defaults.kind === k}
                className="size-5"
                {...kind}
              />
              {t[LABEL[k]]}
            </label>
          ))}
        </div>
      </fieldset>
      <TextField
        id="value"
        label={t.valueLabel}
        error={valueError}
        autoComplete="off"
        spellCheck={false}
        maxLength={254}
        defaultValue={defaults.value}
        className="max-w-md"
        {...value}
      />
      <SubmitButton pending={pending} label={t.search} pendingLabel={t.searching} />
    </form>
  );
}
