import { handleResend } from "@/lib/verification/resend-http";

// "Send a new code" on the code page (lib/verification/resend-http.ts): a plain form post, with or without
// JavaScript. Under /verify so the browser sends the challenge cookies with it.
export const POST = handleResend;
