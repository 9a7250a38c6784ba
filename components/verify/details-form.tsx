"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useActionFormState } from "@/components/ui/use-action-form";
import { useLazyForm } from "@/components/ui/use-lazy-form";
import type { ActionResult } from "@/lib/actions/result";
import type { VerifyFormValues } from "@/lib/forms/verify-fields";
import type { VerifyClientMessages } from "@/lib/i18n/messages/verify";
import { DetailsFields } from "./details-fields";

/** react-hook-form loads on first use, not with the page (components/ui/use-lazy-form.ts). */
const loadRhf = () => import("./details-rhf").then((m) => m.DetailsRhf);

/** Step one's endpoint (lib/verification/step-one-http.ts): JSON from here, a plain form post without JavaScript. */
const STEP_ONE_URL = "/api/verify/start";

type StepOneResult = ActionResult & { redirectTo?: string };
export type DetailsFormInitial = { result?: ActionResult; values: VerifyFormValues };

/** Verification step one: booking reference, last name, date of birth (three boxes). */
export function DetailsForm({ t, initial }: { t: VerifyClientMessages; initial?: DetailsFormInitial }) {
  const router = useRouter();
  const post = async (_prev: StepOneResult | undefined, data: unknown): Promise<StepOneResult> => {
    try {
      const res = await fetch(STEP_ONE_URL, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(Object.fromEntries((data as FormData).entries())),
      });
      return (await res.json()) as StepOneResult;
    } catch {
      return { status: "error", message: t.offline };
    }
  };
  const actionState = useActionFormState(post, initial?.result);
  const lazy = useLazyForm(actionState.formRef, loadRhf);
  const { state, pending } = actionState;
  const redirectTo = state?.status === "ok" ? (state as StepOneResult).redirectTo : undefined;
  useEffect(() => {
    if (!redirectTo) return;
    // Refresh this page first: the router then keeps it as rendered with the new challenge's typed details, so
    // the back button from the code page finds the form filled in, as "Change" does.
    router.refresh();
    router.push(redirectTo);
  }, [redirectTo, router]);
  const busy = pending || Boolean(redirectTo);

  if (lazy.loaded) {
    const { Form, restore } = lazy.loaded;
    return <Form t={t} actionState={actionState} formAction={STEP_ONE_URL} restore={restore} busy={busy} />;
  }
  return (
    <DetailsFields
      t={t}
      actionState={actionState}
      // Before react-hook-form arrives the form posts as it does without JavaScript; a submit made in between
      // waits for it and is checked in the browser first (use-lazy-form.ts).
      formProps={{ ref: actionState.formRef, action: STEP_ONE_URL, method: "post", ...lazy.handlers }}
      field={(name) => ({ name })}
      values={initial?.values}
      busy={busy}
    />
  );
}
