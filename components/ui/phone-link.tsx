import { formatPhone, telHref } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";

/**
 * A phone number people can tap to call, formatted for the reader's language, that never breaks across lines
 * (a number split at a hyphen is misread).
 */
export function PhoneLink({ phone, locale }: { phone: string; locale: Locale }) {
  return (
    <a href={telHref(phone)} className="whitespace-nowrap underline">
      {formatPhone(phone, locale)}
    </a>
  );
}
