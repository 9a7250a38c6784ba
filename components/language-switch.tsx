"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { switchLocale } from "@/lib/i18n/actions";
import type { Locale } from "@/lib/i18n/locales";

type Props = { current: Locale; label: string; ariaLabel: string };

/** A plain form, so the switch works before (and without) JavaScript. */
export function LanguageSwitch({ current, label, ariaLabel }: Props) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const target: Locale = current === "en" ? "fr" : "en";
  return (
    <form action={switchLocale}>
      <input type="hidden" name="locale" value={target} />
      <input type="hidden" name="returnTo" value={query ? `${pathname}?${query}` : pathname} />
      <button
        type="submit"
        lang={target}
        aria-label={ariaLabel}
        className="rounded-md border border-white/60 px-3 py-1.5 text-sm font-medium text-white hover:bg-white/10"
      >
        {label}
      </button>
    </form>
  );
}
