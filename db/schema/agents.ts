import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

// Call-centre agents: the airline's own staff, who serve travellers by phone from /agent. Their email address is
// a work login, not breached data, so it is stored as typed (lower-cased); the password only as a scrypt hash
// (lib/auth/password.ts). Accounts are never deleted (audit_events name them); disabling one ends its access.

export const agents = pgTable(
  "agents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("agents_email_uq").on(t.email)],
);

export type Agent = typeof agents.$inferSelect;

