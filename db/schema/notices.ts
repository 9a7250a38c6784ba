import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { companionFlags } from "./journey";
import { people } from "./people";

// Breach notices: what the airline owes each affected person, and the two factors a notice carries for people
// who cannot receive a verification code by email (the letter's notice code) or who arrive from a rewards link.

/** What a notice is: the first notice, a reminder before the enrol-by date, or one caused by a companion flag. */
export const NOTICE_KINDS = [
  "initial",
  "reminder_30",
  "reminder_7",
  // To the flagged companion's own email on file: their own full notice.
  "companion",
  // To an address a traveller typed for a companion: unverified, so a message with no personal data at all.
  "companion_contact",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_CHANNELS = ["email", "letter"] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/**
 * queued → sent (email accepted by the SMTP server) or undeliverable (permanent failure: a letter is queued in
 * its place); letters: queued → printed (written to a mail-house batch). cancelled: no longer owed (enrolled
 * before a reminder went out, or past the deadline).
 */
export const NOTICE_STATUSES = ["queued", "sent", "undeliverable", "printed", "cancelled"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const notices = pgTable(
  "notices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    channel: text("channel", { enum: NOTICE_CHANNELS }).notNull(),
    status: text("status", { enum: NOTICE_STATUSES }).notNull().default("queued"),
    /** The flag that caused a companion or companion_contact notice; null for the others. */
    companionFlagId: uuid("companion_flag_id").references(() => companionFlags.id),
    /** Not before this moment (reminders are queued ahead of their day). */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    /** A short, PII-free reason for the last failure (an SMTP code and class, never the address). */
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the SMTP server accepted it, or the letter batch was written. */
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** The letter batch (file name) a letter was printed in. */
    letterBatch: text("letter_batch"),
  },
  (t) => [
    // prepare is idempotent: one notice of each person-level kind per person, one per channel (a bounced email's
    // letter is a second row with channel 'letter').
    uniqueIndex("notices_person_kind_channel_uq")
      .on(t.personId, t.kind, t.channel)
      .where(sql`${t.companionFlagId} is null`),
    uniqueIndex("notices_flag_kind_uq").on(t.companionFlagId, t.kind).where(sql`${t.companionFlagId} is not null`),
    index("notices_due_idx").on(t.channel, t.dueAt).where(sql`${t.status} = 'queued'`),
    check(
      "notices_kind_ck",
      sql`${t.kind} in ('initial', 'reminder_30', 'reminder_7', 'companion', 'companion_contact')`,
    ),
    check("notices_channel_ck", sql`${t.channel} in ('email', 'letter')`),
    check("notices_status_ck", sql`${t.status} in ('queued', 'sent', 'undeliverable', 'printed', 'cancelled')`),
    check(
      "notices_flag_ck",
      sql`(${t.kind} in ('companion', 'companion_contact')) = (${t.companionFlagId} is not null)`,
    ),
  ],
);

/**
 * The personal code printed on a letter: a second factor for people with no email. Random, shown once (in the
 * PDF), stored only as a keyed hash. Re-printing a letter replaces the code.
 */
export const noticeCodes = pgTable("notice_codes", {
  personId: bigint("person_id", { mode: "number" })
    .primaryKey()
    .references(() => people.id),
  codeHash: text("code_hash").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * A rewards member's deep link: a random token of at least 128 bits, stored as a hash, single-use, expiring,
 * revocable. Opening the link changes nothing; only confirming the last name (a POST) consumes it.
 */
export const rewardsLinks = pgTable(
  "rewards_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    /**
     * The notice that carries the link: the sender creates the link while rendering that notice, idempotently,
     * so a retried send carries the same link (the token is derivable by the server from the row, never stored).
     */
    noticeId: bigint("notice_id", { mode: "number" }).references(() => notices.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("rewards_links_token_uq").on(t.tokenHash),
    uniqueIndex("rewards_links_notice_uq").on(t.noticeId),
    index("rewards_links_person_idx").on(t.personId),
  ],
);

export type Notice = typeof notices.$inferSelect;
export type NoticeCode = typeof noticeCodes.$inferSelect;
export type RewardsLink = typeof rewardsLinks.$inferSelect;
