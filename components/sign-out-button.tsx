"use client";
import { useActionState } from "react";
import { signOutTraveller } from "@/lib/auth/sign-out";

type Props = { label: string; pendingLabel: string; className?: string; signOut?: typeof signOutTraveller };

/**
 * Sign-out as a form (works before JavaScript loads); the label is passed in the reader's language. Travellers'
 * by default; the agent console passes its own action.
 */
export function SignOutButton({ label, pendingLabel, className, signOut = signOutTraveller }: Props) {
  const [state, action, pending] = useActionState(signOut, undefined);
  return (
    <form action={action}>
      <button
        type="submit"
        aria-disabled={pending}
        className={
          className ??
          "rounded-md border-2 border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50 aria-disabled:cursor-wait"
        }
      >
        {pending ? pendingLabel : label}
      </button>
      {state?.status === "error" && (
        <p role="alert" className="mt-2 text-sm font-semibold text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}
