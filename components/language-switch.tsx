"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { switchLocale } from "@/lib/i18n/actions";
import { KEEP_PREFIX } from "@/lib/i18n/keep-fields";
import type { Locale } from "@/lib/i18n/locales";

type Props = { current: Locale; label: string; ariaLabel: string };

/** Set just before switching, so the switch takes focus back once the page is in the other language. */
const REFOCUS = "portal.language-switch.refocus";

/**
 * A plain form, so the switch works before (and without) JavaScript. With JavaScript it also carries what was
 * typed in a form marked data-keep-on-language-switch (step one of verification), so switching loses nothing, and
 * keeps focus on itself.
 */
export function LanguageSwitch({ current, label, ariaLabel }: Props) {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const target: Locale = current === "en" ? "fr" : "en";
  const button = useRef<HTMLButtonElement>(null);

  // `current` changes when the page comes back in the other language (or the page reloads): focus returns here.
  useEffect(() => {
    try {
      if (sessionStorage.getItem(REFOCUS) !== target) return;
      sessionStorage.removeItem(REFOCUS);
    } catch {
      return;
    }
    button.current?.focus();
  }, [target]);

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const switchForm = e.currentTarget;
    for (const old of switchForm.querySelectorAll("input[data-kept]")) old.remove();
    // React builds the action's FormData after this handler has run, so these fields go with it.
    for (const kept of document.querySelectorAll<HTMLFormElement>("form[data-keep-on-language-switch]")) {
      for (const [name, value] of new FormData(kept).entries()) {
        if (typeof value !== "string" || name.startsWith("$")) continue;
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = `${KEEP_PREFIX}${name}`;
        input.value = value;
        input.dataset.kept = "";
        switchForm.append(input);
      }
    }
    try {
      sessionStorage.setItem(REFOCUS, current);
    } catch {
      // Private modes may refuse storage: the switch still works, focus just starts at the top.
    }
  };

  return (
    <form action={switchLocale} onSubmit={onSubmit}>
      <input type="hidden" name="locale" value={target} />
      <input type="hidden" name="returnTo" value={query ? `${pathname}?${query}` : pathname} />
      <button
        ref={button}
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
