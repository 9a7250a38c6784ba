import "server-only";

// Structured server logs. Context is a short label ("verify.step1"); never pass personal data in `extra`:
// ids and counts only. Error messages from drivers can echo parameters, so only name and code are logged.
// Pass `requestId` (lib/request-id.ts) whenever a request is at hand: it joins the line to that request's audit
// events and to the X-Request-Id a person quotes to support.

type Extra = Record<string, string | number | boolean | null | undefined> & { requestId?: string };

export function logError(context: string, err: unknown, extra: Extra = {}): void {
  const e = err as { name?: string; code?: string; message?: string; digest?: string };
  console.error(
    JSON.stringify({
      level: "error",
      at: new Date().toISOString(),
      context,
      error: e?.name ?? typeof err,
      code: e?.code,
      digest: e?.digest,
      ...extra,
    }),
  );
}

export function logInfo(context: string, extra: Extra = {}): void {
  console.log(JSON.stringify({ level: "info", at: new Date().toISOString(), context, ...extra }));
}
