"use client";
import { ErrorScreen } from "@/components/session/error-screen";
import { useDocumentLocale } from "@/components/session/use-document-locale";

// Any page's failure outside the traveller area (whose own boundary adds the support phone). An error boundary is a
// client component and cannot read the request, so the language comes from <html lang>, which the root layout set.
export default function ErrorPage(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorScreen {...props} locale={useDocumentLocale()} />;
}
