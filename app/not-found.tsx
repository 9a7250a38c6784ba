import Link from "next/link";
import { commonMessages } from "@/lib/i18n/messages/common";
import { getMessages } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getMessages(commonMessages);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <Link className="text-brand-700 underline" href="/">
        {t.backHome}
      </Link>
    </section>
  );
}
