import "server-only";
import { agentAccountMessages } from "@/lib/i18n/messages/agent-accounts";
import { sectionBanner } from "@/lib/mail/html";
import type { MailContent } from "@/lib/mail/templates";

/** The enrolment link, to the agent's work email (English, then French: staff mail has no reader language). */
export function enrolmentMail(link: string): MailContent {
  const [en, fr] = [agentAccountMessages.en, agentAccountMessages.fr];
  const half = (l: "en" | "fr") => {
    const m = agentAccountMessages[l];
    return [sectionBanner(l), "", m.mailIntro, "", `    ${link}`, "", m.mailNotYou].join("\n");
  };
  return { subject: `${en.mailSubject} / ${fr.mailSubject}`, text: `${half("en")}\n\n${half("fr")}\n` };
}
