import { MyNav } from "@/components/traveller/my-nav";
import { requireTraveller } from "@/lib/auth/traveller";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { getLocale } from "@/lib/i18n/server";

// Every page under /my is for a verified traveller. requireTraveller() re-checks the session against the database
// (person still on the booking, epoch current) and sends anyone else to the page that says the session ended. It
// runs here, not in app/(traveller)/layout.tsx, so that a database failure lands in app/(traveller)/error.tsx.
// Pages and actions still check for themselves: a layout does not run for every request (server actions, client
// navigations reuse it).
export default async function MyLayout({ children }: { children: React.ReactNode }) {
  await requireTraveller();
  const t = travellerMessages[await getLocale()];
  return (
    <div className="space-y-8">
      <MyNav
        label={t.navLabel}
        items={[
          { href: "/my", label: t.navOverview },
          { href: "/my/companions", label: t.navCompanions },
          { href: "/my/monitoring", label: t.navMonitoring },
        ]}
      />
      {children}
    </div>
  );
}
