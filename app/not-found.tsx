import type { Metadata } from "next";
import Link from "next/link";
import { commonMessages } from "@/lib/i18n/messages/common";
import { getMessages } from "@/lib/i18n/server";

// The tab and the screen reader say which page this is ("Page not found – Organisation", template in app/layout.tsx).
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages(commonMessages)).notFoundTitle };
}

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
