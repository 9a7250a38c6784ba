"use client";
import { createContext, useContext } from "react";
import type { Locale } from "@/lib/i18n/locales";

// What the traveller area's error boundaries need and cannot read themselves (they are client components rendered
// when the request failed): the page's language and the support phone, given by the (traveller) layout, which reads
// neither from the database (app/(traveller)/layout.tsx).

type Shell = { locale: Locale; supportPhone: string | null };
const ShellContext = createContext<Shell | null>(null);

export function TravellerShell({ children, ...shell }: Shell & { children: React.ReactNode }) {
  return <ShellContext value={shell}>{children}</ShellContext>;
}

export const useTravellerShell = () => useContext(ShellContext);
