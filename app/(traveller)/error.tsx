"use client";
import { OutageNotice } from "@/components/session/outage-notice";

// A failure in the traveller area's guarding layout (app/(traveller)/my/layout.tsx: the session check, the first
// database read of every traveller page): the traveller's outage page, in their language, with the support phone.
export default function TravellerError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return <OutageNotice {...props} />;
}
