import { SignOutButton } from "@/components/sign-out-button";
import { requireTraveller } from "@/lib/auth/traveller";
import { commonMessages } from "@/lib/i18n/messages/common";
import { getLocale } from "@/lib/i18n/server";

// Every page in this group is for a verified traveller. requireTraveller() re-checks the session against the
// database (person still on the booking) and sends anyone else to verification. Pages and actions still check
// for themselves: a layout does not run for every request (server actions, client navigations reuse it).

export default async function TravellerLayout({ children }: { children: React.ReactNode }) {
  await requireTraveller();
  const t = commonMessages[await getLocale()];
  return (
    <div className="space-y-6">
      <div className="flex justify-end">
        <SignOutButton label={t.signOut} pendingLabel={t.loading} />
      </div>
      {children}
    </div>
  );
}
