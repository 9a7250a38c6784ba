import type { CategoryCode } from "./categories";
import { categoryOfItem } from "./guidance";

// Which checklist items /my leads with. A worried person reads the first few things and stops, so the page opens
// with the three that protect them most for the categories THEY were exposed in, then folds the rest away.
//
// The order is by harm, most first: someone using a travel document or date of birth to open credit in your name
// (hard to undo: enrol in monitoring), someone posing as your card issuer on the phone, then phishing that
// uses your contact details, and so on down to a name alone. It is a fixed list, so the same categories always
// give the same three actions (no randomness, no dependence on row order or ticks).

/** Checklist item keys (lib/catalogue/guidance.ts), most protective first. Every item appears exactly once. */
export const ACTION_PRIORITY = [
  "travel_document.watch-identity",
  "cobrand_card_account.contact-issuer",
  "contact_info.recognise-phishing",
  "date_of_birth.add-passcode",
  "travel_document.report-or-replace",
  "date_of_birth.check-credit",
  "mailing_address.watch-letters",
  "rewards_account.review-activity",
  "cobrand_card_account.watch-statements",
  "contact_info.never-asked",
  "itinerary.check-directly",
  "complaint.compensation-offers",
  "accommodation_request.wary-of-contact",
  "contact_info.call-back",
  "contact_info.report-scams",
  "mailing_address.missing-mail",
  "rewards_account.expiring-points",
  "rewards_account.unique-password",
  "full_name.expect-scams",
] as const;

export type PriorityAction = { key: string; category: CategoryCode };

/**
 * The `count` most protective actions for these categories: first the best action of each category (so three
 * categories give three different kinds of advice, not three items of one), in priority order; then, if there are
 * fewer categories than `count`, the next-best items of the same categories.
 */
export function topActions(categories: readonly CategoryCode[], count = 3): PriorityAction[] {
  const mine = new Set(categories);
  const candidates = ACTION_PRIORITY.flatMap((key) => {
    const category = categoryOfItem(key);
    return category && mine.has(category) ? [{ key, category }] : [];
  });
  const seen = new Set<CategoryCode>();
  const firsts: PriorityAction[] = [];
  const rest: PriorityAction[] = [];
  for (const c of candidates) {
    if (seen.has(c.category)) rest.push(c);
    else {
      seen.add(c.category);
      firsts.push(c);
    }
  }
  return [...firsts, ...rest].slice(0, count);
}
