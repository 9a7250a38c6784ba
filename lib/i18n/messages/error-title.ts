import { defineMessages } from "../locales";

// Kept apart from common.ts: the error summary is a client component, and this is all of the catalogue it needs.
export const errorTitleMessages = defineMessages({
  en: { prefix: "Error: " },
  fr: { prefix: "Erreur\u00a0: " },
});
