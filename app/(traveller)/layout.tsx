import { SessionTimeout } from "@/components/session/session-timeout";
import { TravellerShell } from "@/components/session/traveller-shell";
import { SignOutButton } from "@/components/sign-out-button";
import { TRAVELLER_WARN_BEFORE_SECONDS } from "@/lib/auth/policy";
import { readTravellerTiming } from "@/lib/auth/traveller";
import { commonMessages } from "@/lib/i18n/messages/common";
import { sessionMessages } from "@/lib/i18n/messages/session";
import { getLocale } from "@/lib/i18n/server";
import { supportPhoneForOutage } from "@/lib/session/support-phone";

// The frame of every verified traveller's page: sign-out, the time-out warning, and what the error boundary below
// needs (the language and the support phone). Nothing here reads the database or can fail with it: the session
// check that does lives one level down (app/(traveller)/my/layout.tsx), inside app/(traveller)/error.tsx, so a
// database outage gets the traveller's outage page in their language, not the root error screen (a layout's errors
// go to the boundary above it).

export default async function TravellerLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const [timing, supportPhone] = await Promise.all([readTravellerTiming("by-proxy"), supportPhoneForOutage()]);
  const c = commonMessages[locale];
  const s = sessionMessages[locale];
  return (
    <TravellerShell locale={locale} supportPhone={supportPhone}>
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
    </TravellerShell>
  );
}
