"use client";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import { searchCallersAction } from "@/lib/agent/console-actions";
import { CallerResults } from "./caller-results";
import { CallerSearchFields, type CallerSearchProps } from "./caller-search-fields";

/** react-hook-form and the schema load on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./caller-search-rhf").then((m) => m.CallerSearchRhf);

/** The exact-match search and, under it, what the last search found. */
export function CallerSearchForm(props: CallerSearchProps) {
  const actionState = useActionFormState(searchCallersAction);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  const { state } = actionState;
  const form = lazy.loaded ? (
    <lazy.loaded.Form {...props} actionState={actionState} restore={lazy.loaded.restore} />
  ) : (
    <CallerSearchFields
      {...props}
      actionState={actionState}
      formProps={{ ref: actionState.formRef, action: actionState.formAction, ...lazy.handlers }}
      kind={{ name: "kind" }}
      value={{ name: "value" }}
      defaults={{ kind: "booking", value: "" }}
    />
  );
  return (
    <div className="space-y-8">
      {form}
      {state?.status === "ok" && state.data && (
        <CallerResults t={props.t} results={state.data.results} focusSignal={actionState.successSignal} />
      )}
    </div>
  );
}
