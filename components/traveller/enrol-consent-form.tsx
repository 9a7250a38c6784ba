import type { ComponentProps } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import type { TravellerFormText } from "@/lib/i18n/messages/traveller";

export type EnrolConsentProps = {
  subject: string;
  /** The checkbox's id ("consent", or one per minor). */
  id: string;
  label: string;
  buttonLabel: string;
  pendingLabel: string;
  tt: TravellerFormText;
};

type ViewProps = EnrolConsentProps & {
  formProps: ComponentProps<"form">;
  /** The checkbox's name and handlers: plain (before react-hook-form loads) or react-hook-form's `register`. */
  consent: ComponentProps<"input">;
  error: string | undefined;
  message: string | undefined;
  summarySignal: number;
  pending: boolean;
};

/** The consent form's markup, the same with or without react-hook-form (enrol-panel.tsx swaps one for the other). */
export function EnrolConsentForm({
  subject,
  id,
  label,
  buttonLabel,
  pendingLabel,
  tt,
  formProps,
  consent,
  error,
  message,
  summarySignal,
  pending,
}: ViewProps) {
  return (
    <form {...formProps} noValidate className="space-y-4">
      <ErrorSummary
        focusSignal={summarySignal}
        title={tt.errorSummaryTitle}
        items={error ? [{ fieldId: id, text: error }] : []}
        message={message}
      />
      {/* A plain value (not registered): react-hook-form sets registered values only after hydration. */}
      <input type="hidden" name="subject" value={subject} />
      <div className={`space-y-1.5 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}>
        {error && (
          <p id={`${id}-error`} className="text-sm font-semibold text-red-700">
            {error}
          </p>
        )}
        <div className="flex items-start gap-3">
          <input
            id={id}
            type="checkbox"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="mt-0.5 h-6 w-6 shrink-0 accent-brand-700"
            {...consent}
          />
          <label htmlFor={id} className="font-medium">
            {label}
          </label>
        </div>
      </div>
      <SubmitButton pending={pending} label={buttonLabel} pendingLabel={pendingLabel} />
    </form>
  );
}
