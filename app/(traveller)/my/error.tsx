"use client";
import { OutageNotice } from "@/components/session/outage-notice";

// A failure loading one of the traveller's pages (database down, …), under the navigation: the same outage page as
// app/(traveller)/error.tsx.
export default function MyError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <OutageNotice {...props} />;
}
