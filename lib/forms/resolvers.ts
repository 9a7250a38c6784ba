import { zodResolver } from "@hookform/resolvers/zod";
import { createAgentSchema, enrolSchema } from "./agent-accounts";
import { callerSearchSchema, caseCodeSchema, caseNoteSchema } from "./agent-case";
import { agentSignInSchema } from "./agent-sign-in";
import { enrolMonitoringSchema } from "./enrol-monitoring";
import { flagCompanionSchema } from "./flag-companion";
import { rewardsConfirmSchema } from "./rewards-confirm";
import { verifyCodeSchema } from "./verify-code";
import { verifyDetailsSchema } from "./verify-details";
import { verifyLetterSchema } from "./verify-letter";

// The browser's resolvers for every form, in one module the forms import() on first use (lazy-resolver.ts): zod
// and the schemas then come in one small chunk after the page, never with it. Each is the schema the server action
// re-parses, so the browser and the server apply the same rules.

export const verifyDetailsResolver = zodResolver(verifyDetailsSchema);
export const verifyCodeResolver = zodResolver(verifyCodeSchema);
export const verifyLetterResolver = zodResolver(verifyLetterSchema);
export const rewardsConfirmResolver = zodResolver(rewardsConfirmSchema);
export const flagCompanionResolver = zodResolver(flagCompanionSchema);
export const enrolMonitoringResolver = zodResolver(enrolMonitoringSchema);
export const agentSignInResolver = zodResolver(agentSignInSchema);
export const createAgentResolver = zodResolver(createAgentSchema);
export const enrolResolver = zodResolver(enrolSchema);
export const callerSearchResolver = zodResolver(callerSearchSchema);
export const caseCodeResolver = zodResolver(caseCodeSchema);
export const caseNoteResolver = zodResolver(caseNoteSchema);
