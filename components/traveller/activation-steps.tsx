import { PhoneLink } from "@/components/ui/phone-link";
import { RichText } from "@/components/ui/rich-text";
import type { MonitoringProviderDto } from "@/lib/dto/incident";
import { formatDate } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { MonitoringMessages } from "@/lib/i18n/messages/traveller-monitoring";
import { activateBy } from "@/lib/traveller/provider";

const linkClass = "break-all font-medium text-brand-700 underline underline-offset-2 hover:no-underline";

/** The provider's activation page as a link people can read (the address itself, so it can be checked). */
export function ActivationLink({ url }: { url: string }) {
  return (
    <a href={url} className={linkClass}>
      {url.replace(/^https?:\/\//, "")}
    </a>
  );
}

/**
 * After enrolling: the code is only half the job. Says with whom, where and by when it must be activated, or,
 * when the bundle names no provider, whom to call to find out.
 */
export function ActivationSteps({
  provider,
  enrolledOn,
  supportPhone,
  locale,
  t,
}: {
  provider: MonitoringProviderDto | null;
  enrolledOn: string;
  supportPhone: string;
  locale: Locale;
  t: MonitoringMessages;
}) {
  return (
    <div className="space-y-2 rounded-md border-l-4 border-amber-600 bg-amber-50 p-4">
      <p className="font-semibold">{t.activateHeading}</p>
      {provider ? (
        <>
          <p>
            <RichText
              template={t.activateBody}
              values={{
                provider: provider.name,
                date: <strong>{formatDate(activateBy(enrolledOn, provider), locale)}</strong>,
              }}
            />
          </p>
          <p>
            <RichText
              template={t.activateHow}
              values={{
                url: <ActivationLink url={provider.activationUrl} />,
                provider: provider.name,
                phone: <PhoneLink phone={provider.phone} locale={locale} />,
              }}
            />
          </p>
        </>
      ) : (
        <p>
          <RichText
            template={t.activateNoProvider}
            values={{ phone: <PhoneLink phone={supportPhone} locale={locale} /> }}
          />
        </p>
      )}
    </div>
  );
}
