import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { bookings, people } from "./people";

// The call-centre console's cases (/agent/case/[id]): one phone call, one agent, one person on one booking. A case
// is created when the agent sends the caller a one-time code, and shows nothing until that code is typed back
// (verified_at). It is scoped to the agent who opened it: another agent's id, or a guessed one, finds nothing.
// It ends when the agent ends the call or after 30 minutes without activity (lib/agent/case.ts).

export const consoleCases = pgTable(
  "console_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id),
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    bookingId: bigint("booking_id", { mode: "number" })
      .notNull()
      .references(() => bookings.id),
    /** The code emailed to the person, as a keyed hash bound to the case id (lib/verification/code.ts). */
    codeHash: text("code_hash"),
    codeExpiresAt: timestamp("code_expires_at", { withTimezone: true }).notNull(),
    codeAttempts: integer("code_attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("console_cases_agent_open_idx").on(t.agentId).where(sql`${t.closedAt} is null`)],
);

/** What the agent wrote about a call: encrypted, bound to the note's id and its case (lib/agent/case-actions.ts). */
export const consoleNotes = pgTable(
  "console_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => consoleCases.id),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id),
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    noteEnc: text("note_enc").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("console_notes_person_idx").on(t.personId)],
);

export type ConsoleCase = typeof consoleCases.$inferSelect;
