"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

type Props = { label: string; items: { href: string; label: string }[] };

/** The /my section's tabs-as-links; the current page is marked for assistive technology (aria-current). */
export function MyNav({ label, items }: Props) {
  const pathname = usePathname();
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-1 border-b border-slate-300">
        {items.map((item) => {
          const current = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`-mb-px inline-block border-b-4 px-2 py-2.5 text-sm font-medium sm:px-3 sm:text-base ${
                  current
                    ? "border-brand-700 text-brand-800"
                    : "border-transparent text-slate-700 hover:border-slate-400 hover:text-slate-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
