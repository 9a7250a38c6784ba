import { notFound } from "next/navigation";
import { devToolsOpen } from "./dev/access";

// Development-only tools, for this machine only (./dev/access.ts). Anyone else gets a plain 404.
export default async function DevLayout({ children }: { children: React.ReactNode }) {
  if (!(await devToolsOpen())) notFound();
  return <>{children}</>;
}
