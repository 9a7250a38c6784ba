import type { Catalogue } from "../locales";

// Kept apart from common.ts: the error summary is a client component, and this is all of the catalogue it needs.
// A plain object (defineMessages only checks the type): importing ../locales at run time would ship all of it
// (Accept-Language parsing included) with every form page.
export const errorTitleMessages: Catalogue<{ prefix: string }> = {
  en: { prefix: "Error: " },
  fr: { prefix: "Erreur\u00a0: " },
};
