import type { Locale } from "@/lib/i18n/locales";
import { sessionMessages } from "@/lib/i18n/messages/session";

/** "Try again" in both languages, each half marked with its `lang`, the page's language first. */
export function RetryButton({ first, second, retry }: { first: Locale; second: Locale; retry: () => void }) {
  return (
    <button
      type="button"
      onClick={() => retry()}
      className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800"
    >
      <span lang={first}>{sessionMessages[first].tryAgain}</span>
      <span> · </span>
      <span lang={second}>{sessionMessages[second].tryAgain}</span>
    </button>
  );
}
