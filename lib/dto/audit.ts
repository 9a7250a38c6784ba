// What the supervisors' audit log page (/agent/audit) receives: ids, codes and names of agent accounts (staff),
// never a traveller's personal data (a person appears by id only).

export type AuditActorDto =
  | { kind: "agent"; agentId: string; name: string | null }
  | { kind: "traveller"; personId: string | null }
  | { kind: "cli" };

export type AuditEventDto = {
  id: string;
  /** ISO timestamp. */
  at: string;
  actor: AuditActorDto;
  action: string;
  personId: string | null;
  reason: string | null;
  requestId: string | null;
};

/** The filters as the form shows them back (the query string's values, trimmed). */
export type AuditLogFormValues = { agent: string; person: string; action: string; from: string; to: string };

export type AuditLogDto = {
  agents: Array<{ id: string; name: string }>;
  values: AuditLogFormValues;
  /** Message keys per field, when the query string did not parse (then no events are read). */
  fieldErrors: Partial<Record<keyof AuditLogFormValues, string>>;
  events: AuditEventDto[];
  /** Event ids for the Newer and Older links (null: no page that way). */
  newerThan: string | null;
  olderThan: string | null;
};
