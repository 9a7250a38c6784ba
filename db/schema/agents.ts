import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

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
    /**
     * The TOTP secret (base32), sealed with the field encryption (lib/crypto/field-encryption.ts, AAD
     * `agents.totp_secret:<id>`). Null only for accounts made before second factors: they cannot sign in until an
     * operator runs `npm run agent -- reset-factor` or a reset is approved.
     */
    totpSecret: text("totp_secret"),
    /** The last accepted 30-second time step: a code is accepted only for a later step, so it works once. */
    totpLastStep: integer("totp_last_step"),
  },
  (t) => [
    uniqueIndex("agents_email_uq").on(t.email),
    check("agents_email_lower_ck", sql`${t.email} = lower(${t.email})`),
    check("agents_role_ck", sql`${t.role} in ('agent', 'supervisor')`),
  ],
);

export type Agent = typeof agents.$inferSelect;

export const RESET_KINDS = ["password", "factor"] as const;
export type ResetKind = (typeof RESET_KINDS)[number];

/**
 * Two-person resets: one supervisor starts a reset of another account's password or second factor; it takes
 * effect only when a second supervisor approves it (lib/agent/accounts.ts). Nobody resets their own account.
 */
export const agentResetRequests = pgTable(
  "agent_reset_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    targetId: uuid("target_id")
      .notNull()
      .references(() => agents.id),
    kind: text("kind", { enum: RESET_KINDS }).notNull(),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => agents.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    approvedBy: uuid("approved_by").references(() => agents.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
  },
  (t) => [
    check("agent_reset_requests_kind_ck", sql`${t.kind} in ('password', 'factor')`),
    check("agent_reset_requests_not_self_ck", sql`${t.requestedBy} <> ${t.targetId}`),
    check(
      "agent_reset_requests_two_people_ck",
      sql`${t.approvedBy} is null or (${t.approvedBy} <> ${t.requestedBy} and ${t.approvedBy} <> ${t.targetId})`,
    ),
    // At most one open request per account and kind.
    uniqueIndex("agent_reset_requests_open_uq").on(t.targetId, t.kind).where(sql`${t.approvedAt} is null`),
  ],
);

/**
 * Single-use, expiring enrolment links, mailed to the account's work email after an approved reset or a new
 * account made on the agents page: the agent sets a new password and/or a new TOTP secret there, so no
 * supervisor ever holds the new credentials. Only the SHA-256 of the link's token is stored.
 */
export const agentEnrolments = pgTable(
  "agent_enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id),
    tokenHash: text("token_hash").notNull(),
    setPassword: boolean("set_password").notNull().default(false),
    setFactor: boolean("set_factor").notNull().default(false),
    /** The new TOTP secret offered on the link's page, sealed (AAD `agent_enrolments.totp_secret:<id>`). */
    totpSecret: text("totp_secret"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("agent_enrolments_token_uq").on(t.tokenHash), index("agent_enrolments_agent_ix").on(t.agentId)],
);

/**
 * Passkeys (WebAuthn credentials) an agent registered for their own account (lib/agent/passkeys.ts): the
 * phishing-resistant alternative to the TOTP code. Only public material is stored: the credential's id and COSE
 * public key (base64url), the authenticator's signature counter and its transports. An approved factor reset
 * deletes the account's passkeys.
 */
export const agentPasskeys = pgTable(
  "agent_passkeys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agentId: uuid("agent_id")
      .notNull()
      .references(() => agents.id),
    /** The credential id the authenticator chose (base64url), unique across accounts. */
    credentialId: text("credential_id").notNull(),
    /** The COSE public key, base64url. */
    publicKey: text("public_key").notNull(),
    /** The authenticator's signature counter (0 for authenticators that keep none, as most passkeys do). */
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    /** Comma-separated transports the browser reported (usb, internal, hybrid…), passed back as hints. */
    transports: text("transports").notNull().default(""),
    /** The agent's own label, so they can tell their passkeys apart. */
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("agent_passkeys_credential_uq").on(t.credentialId),
    index("agent_passkeys_agent_ix").on(t.agentId),
  ],
);

export const PASSKEY_CEREMONIES = ["register", "sign_in", "confirm"] as const;
export type PasskeyCeremony = (typeof PASSKEY_CEREMONIES)[number];

/**
 * WebAuthn challenges, kept in the database (not in a process: several instances serve behind a load balancer),
 * used once (deleted by the statement that accepts them) and short-lived. `agent_id` binds a registration or a
 * confirmation to the signed-in agent; a sign-in challenge names nobody (the passkey says who it is).
 */
export const agentPasskeyChallenges = pgTable(
  "agent_passkey_challenges",
  {
    challenge: text("challenge").primaryKey(),
    ceremony: text("ceremony", { enum: PASSKEY_CEREMONIES }).notNull(),
    agentId: uuid("agent_id").references(() => agents.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("agent_passkey_challenges_ceremony_ck", sql`${t.ceremony} in ('register', 'sign_in', 'confirm')`),
    index("agent_passkey_challenges_expires_ix").on(t.expiresAt),
  ],
);
