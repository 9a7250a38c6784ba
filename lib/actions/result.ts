// The one result type every server action returns. Safe to send to the client: it never carries secrets,
// personal data or raw rows, only a status, per-field message keys and a localised message.
export type ActionStatus = "ok" | "invalid" | "limited" | "error";

export type ActionResult<Data = undefined> = {
  status: ActionStatus;
  fieldErrors?: Record<string, string[]>;
  message?: string;
  data?: Data;
};
