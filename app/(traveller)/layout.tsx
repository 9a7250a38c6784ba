import { SessionTimeout } from "@/components/session/session-timeout";
import { SignOutButton } from "@/components/sign-out-button";
import { TRAVELLER_WARN_BEFORE_SECONDS } from "@/lib/auth/policy";
import { readTravellerTiming, requireTraveller } from "@/lib/auth/traveller";
import { commonMessages } from "@/lib/i18n/messages/common";
import { sessionMessages } from "@/lib/i18n/messages/session";
import { getLocale } from "@/lib/i18n/server";

// Every page in this group is for a verified traveller. requireTraveller() re-checks the session against the
// database (person still on the booking) and sends anyone else to the page that says the session ended. Pages and
// actions still check for themselves: a layout does not run for every request. The time-out warning counts down
// from the session's timing (components/session/session-timeout.tsx).

export default async function TravellerLayout({ children }: { children: React.ReactNode }) {
  await requireTraveller();
  const locale = await getLocale();
  const timing = await readTravellerTiming("by-proxy");
  const c = commonMessages[locale];
  const s = sessionMessages[locale];
  return (
    <>
      <div className="space-y-6">
        <div className="flex justify-end">
          <SignOutButton label={c.signOut} pendingLabel={c.loading} />
        </div>
        {children}
      </div>
      {timing && (
        <SessionTimeout
          initial={timing}
          warnBeforeSeconds={TRAVELLER_WARN_BEFORE_SECONDS}
          locale={locale}
          t={{
            warnTitle: s.warnTitle,
            warnIdle: s.warnIdle,
            warnStayHint: s.warnStayHint,
            stay: s.stay,
            signOutNow: s.signOutNow,
            warnLimitTitle: s.warnLimitTitle,
            warnLimit: s.warnLimit,
            gotIt: s.gotIt,
            stayFailed: s.stayFailed,
            extended: s.extended,
          }}
        />
      )}
    </>
  );
}
