import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { commonMessages } from "@/lib/i18n/messages/common";
import { getLocale } from "@/lib/i18n/server";
import { readBranding } from "@/lib/incident/branding";
import "./globals.css";

const DESCRIPTION = {
  en: "Check what information of yours was involved in the incident and what to do next.",
  fr: "Vérifiez quels renseignements vous concernant ont été touchés par l'incident et quoi faire ensuite.",
};

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  const { organisation } = await readBranding();
  const portal = commonMessages[locale].portalName;
  // "Page – Organisation" on every page (each page gives its own part); the portal's own name before an import.
  const owner = organisation ?? portal;
  return {
    title: { default: organisation ? `${portal} – ${organisation}` : portal, template: `%s – ${owner}` },
    description: DESCRIPTION[locale],
    // Nothing here belongs in a search index.
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = commonMessages[locale];
  const { organisation } = await readBranding();
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-brand-800"
        >
          {t.skipToContent}
        </a>
        <header className="site-header bg-brand-800 text-white">
          <div className="mx-auto flex max-w-4xl items-center justify-between gap-4 px-4 py-3">
            {/* Whose site this is, first thing on every page: the organisation, then what the site is for. */}
            <Link href="/" className="flex flex-col leading-tight">
              {organisation && <span className="text-xl font-bold">{organisation}</span>}
              <span className={organisation ? "text-sm text-brand-100" : "text-lg font-semibold"}>{t.portalName}</span>
            </Link>
            <Suspense>
              <LanguageSwitch current={locale} label={t.switchTo} ariaLabel={t.switchToLabel} />
            </Suspense>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8" tabIndex={-1}>
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <p className="mx-auto max-w-4xl px-4 py-4 text-sm text-slate-700">{t.footerPrivacy}</p>
        </footer>
      </body>
    </html>
  );
}
