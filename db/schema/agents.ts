import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// Call-centre agents: the airline's own staff, who serve travellers by phone from /agent. Their email address is
// a work login, not breached data, so it is stored as typed (lower-cased); the password only as a scrypt hash
// (lib/auth/password.ts). Accounts are never deleted (audit_events name them); disabling one ends its access.

export const AGENT_ROLES = ["agent", "supervisor"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const agents = pgTable(
  "agents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** `agent` serves callers; `supervisor` also sees the audit log and manages accounts (checked on every request). */
    role: text("role", { enum: AGENT_ROLES }).notNull().default("agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Goes up at every sign-out and disabling: tokens carry the value they were issued with, so older ones stop working. */
    sessionEpoch: integer("session_epoch").notNull().default(0),
  },
  (t) => [
    uniqueIndex("agents_email_uq").on(t.email),
    check("agents_email_lower_ck", sql`${t.email} = lower(${t.email})`),
    check("agents_role_ck", sql`${t.role} in ('agent', 'supervisor')`),
  ],
);

export type Agent = typeof agents.$inferSelect;
