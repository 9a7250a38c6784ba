import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { agents } from "./agents";
import { bookings, people } from "./people";

// State of the traveller journey. Everything that several app instances must agree on (codes, limits,
// queued mail) lives here, never in process memory.

/**
 * One verification attempt. Step one inserts a row for every request, matched or not, so its cost and answer
 * never depend on whether the details exist; resolving the match and sending the code happens afterwards.
 */
export const verificationChallenges = pgTable(
  "verification_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: text("status").notNull().default("pending"),
    /** The typed details, encrypted, kept only until the challenge is resolved. */
    requestEnc: text("request_enc"),
    personId: bigint("person_id", { mode: "number" }).references(() => people.id),
    bookingId: bigint("booking_id", { mode: "number" }).references(() => bookings.id),
    codeHash: text("code_hash"),
    attempts: integer("attempts").notNull().default(0),
    language: text("language").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
  },
  (t) => [
    index("verification_challenges_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
    // A person's live codes: a new one supersedes them (db/queries/verification-resolve.ts).
    index("verification_challenges_person_sent_idx").on(t.personId).where(sql`${t.status} = 'sent'`),
    check(
      "verification_challenges_status_ck",
      sql`${t.status} in ('pending', 'sent', 'unmatched', 'no_email', 'capped', 'superseded', 'verified', 'failed')`,
    ),
  ],
);

/** Fixed-window counters shared by every instance; incremented atomically with INSERT … ON CONFLICT. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index("rate_limits_window_idx").on(t.windowStart)],
);

/** Outgoing mail queue. Recipient and body are encrypted (the row id is the associated data). */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    toEnc: text("to_enc").notNull(),
    subject: text("subject").notNull(),
    bodyEnc: text("body_enc").notNull(),
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Who holds the claim: a sender marks a message sent only while this is still its token. */
    claimToken: uuid("claim_token"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_queued_idx").on(t.createdAt).where(sql`${t.status} = 'queued'`),
    check("mail_outbox_status_ck", sql`${t.status} in ('queued', 'sent', 'failed')`),
  ],
);

/** Ticked guidance items, kept for the traveller's next visit. */
export const checklistProgress = pgTable(
  "checklist_progress",
  {
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    itemKey: text("item_key").notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.itemKey] })],
);

/** A companion a traveller asked the airline to notify directly; one row per companion per booking. */
export const companionFlags = pgTable(
  "companion_flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bookingId: bigint("booking_id", { mode: "number" })
      .notNull()
      .references(() => bookings.id),
    companionPersonId: bigint("companion_person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    flaggedByPersonId: bigint("flagged_by_person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    contactEmailEnc: text("contact_email_enc"),
    status: text("status").notNull().default("new"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("companion_flags_booking_companion_uq").on(t.bookingId, t.companionPersonId),
    // The agents' queue: by status, in the order the requests were first made.
    index("companion_flags_status_idx").on(t.status, t.createdAt),
    check("companion_flags_status_ck", sql`${t.status} in ('new', 'notified')`),
  ],
);

/** How an enrolment was made: by the person on the web, or by an agent on the phone for them. */
export const ENROLMENT_CHANNELS = ["web", "phone"] as const;
export type EnrolmentChannel = (typeof ENROLMENT_CHANNELS)[number];

/** Two-year identity monitoring; one per person, whoever enrolled them (themselves or a guardian). */
export const monitoringEnrolments = pgTable(
  "monitoring_enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: bigint("person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    enrolledByPersonId: bigint("enrolled_by_person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    activationCodeEnc: text("activation_code_enc").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    enrolledAt: timestamp("enrolled_at", { withTimezone: true }).notNull().defaultNow(),
    termEndsOn: date("term_ends_on", { mode: "string" }).notNull(),
    /** `web`: the person (or their guardian) on the site; `phone`: an agent, for them, on a call. */
    channel: text("channel", { enum: ENROLMENT_CHANNELS }).notNull().default("web"),
    /** The agent who enrolled them by phone (the consent sentence read out and confirmed); null on the web. */
    enrolledByAgentId: uuid("enrolled_by_agent_id").references(() => agents.id),
  },
  (t) => [
    uniqueIndex("monitoring_enrolments_person_uq").on(t.personId),
    check("monitoring_enrolments_channel_ck", sql`${t.channel} in ('web', 'phone')`),
  ],
);

/**
 * Who did what to whose record; ids only, never personal data. `actor_id` always names the actor (a person id
 * for a traveller, an agent id; null for the command line or a visitor not yet verified); `ref` names anything
 * else the event is about (the challenge a code was sent for, the agent account the command line changed).
 * Written by db/queries/audit.ts, and by the resolver's one statement (db/queries/verification-resolve.ts).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    ref: text("ref"),
    action: text("action").notNull(),
    personId: bigint("person_id", { mode: "number" }),
    bookingId: bigint("booking_id", { mode: "number" }),
    /** Why, when the actor had to say (an agent revealing an activation code picks a reason from a list). */
    reason: text("reason"),
    /** The HTTP request that caused it, to join the event to the server's log lines. */
    requestId: text("request_id"),
    /** What else identifies the event without personal data (a search's kind and blind index, never the typed value). */
    detail: text("detail"),
    /**
     * The hash chain (migration 0013_audit_chain): set by the database's BEFORE INSERT trigger on every insert,
     * never by the app. `hash` is SHA-256 over `prev_hash` and this row's fields; `prev_hash` is the row before's
     * `hash`. A row without them was written with the trigger switched off: `npm run audit:verify` reports it.
     */
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  // The supervisors' log (/agent/audit) reads newest first by (at, id), one keyset page at a time, filtered by
  // any one of these and a date range: each index ends in (at, id), so a filtered page of any date range is one
  // backward index walk, whatever the table's size.
  (t) => [
    index("audit_events_at_id_idx").on(t.at, t.id),
    index("audit_events_person_at_idx").on(t.personId, t.at, t.id),
    index("audit_events_actor_at_idx").on(t.actorId, t.at, t.id),
    index("audit_events_action_at_idx").on(t.action, t.at, t.id),
  ],
);

/**
 * The end of the audit chain: one row, the last chained event's id and hash. Each INSERT statement on audit_events
 * locks it before its ids are drawn (so two transactions never chain onto the same row) and moves it on at its
 * end; only that trigger may update it.
 * `audit:verify` checks that the chain ends where the head says, so rows removed from the end are seen too.
 */
export const auditChainHead = pgTable(
  "audit_chain_head",
  {
    id: integer("id").primaryKey(),
    lastId: bigint("last_id", { mode: "number" }),
    lastHash: text("last_hash").notNull(),
  },
  (t) => [check("audit_chain_head_one_row", sql`${t.id} = 1`)],
);

/**
 * Every contact address a passenger gave for a flagged companion, with who gave it: one per giver per flag (a
 * giver's newer address replaces only their own). The address is encrypted, bound to `flag_id:given_by_person_id`.
 */
export const companionContactAddresses = pgTable(
  "companion_contact_addresses",
  {
    flagId: uuid("flag_id")
      .notNull()
      .references(() => companionFlags.id),
    givenByPersonId: bigint("given_by_person_id", { mode: "number" })
      .notNull()
      .references(() => people.id),
    emailEnc: text("email_enc").notNull(),
    givenAt: timestamp("given_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.flagId, t.givenByPersonId] })],
);

/**
 * A traveller's session epoch: session tokens carry the value they were issued with, and sign-out raises it, so
 * every earlier copy of the cookie stops working at its next request. No row means epoch 0.
 */
export const travellerSessionEpochs = pgTable("traveller_session_epochs", {
  personId: bigint("person_id", { mode: "number" })
    .primaryKey()
    .references(() => people.id, { onDelete: "cascade" }),
  epoch: integer("epoch").notNull().default(0),
});
