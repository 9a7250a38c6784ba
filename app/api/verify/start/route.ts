import { handleStepOne } from "@/lib/verification/step-one-http";

// Verification step one (lib/verification/step-one-http.ts): the form on /verify posts here, with or without
// JavaScript.
export const POST = handleStepOne;
