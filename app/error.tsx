"use client";
import { useEffect } from "react";

// Error boundaries are client components and cannot read the request's language, so both are shown.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    // The digest ties this screen to the server log line without showing details to the person.
    console.error("page error", error.digest);
  }, [error]);
  return (
    <section role="alert" className="space-y-4">
      <h1 className="text-2xl font-bold">Something went wrong · Un problème est survenu</h1>
      <p>This is a problem on our side, not a sign about your information. Please try again in a few minutes.</p>
      <p lang="fr">
        Le problème vient de notre côté et ne dit rien sur vos renseignements. Veuillez réessayer dans quelques minutes.
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        Try again · Réessayer
      </button>
    </section>
  );
}
