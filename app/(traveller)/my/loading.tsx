import { PageSkeleton } from "@/components/traveller/skeleton";
import { travellerMessages } from "@/lib/i18n/messages/traveller";
import { getLocale } from "@/lib/i18n/server";

export default async function Loading() {
  return <PageSkeleton label={travellerMessages[await getLocale()].loading} />;
}
