import { notFound } from "next/navigation";
import { devOutboxEnabled } from "@/lib/mail/outbox";

// Development-only tools. In production every page here is a plain 404.
export default function DevLayout({ children }: { children: React.ReactNode }) {
  if (!devOutboxEnabled()) notFound();
  return <>{children}</>;
}
