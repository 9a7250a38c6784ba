import { MyNav } from "@/components/traveller/my-nav";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { getLocale } from "@/lib/i18n/server";

// Navigation between the traveller's pages. Access is checked by each page and action (requireTraveller /
// defineAction), not here: a layout is not re-run on every request.
export default async function MyLayout({ children }: { children: React.ReactNode }) {
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
