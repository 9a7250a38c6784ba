import type { Metadata } from "next";

export const metadata: Metadata = { title: "Empty page" };

/**
 * Nothing but the root layout: the JavaScript every page of the portal pays before any page of its own, the
 * baseline `npm run bench:bundle` measures customer pages against. Behind the (dev) layout's guard, so a 404 in
 * production and to anyone but this machine.
 */
export default function EmptyPage() {
  return null;
}
