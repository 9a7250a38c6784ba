import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { AgentExistsError, listAgents, setAgentDisabled } from "@/db/queries/agents";
import { recordAudit } from "@/db/queries/audit";
import { AGENT_ROLES } from "@/db/schema";
import { createAgentAccount, resetAgentFactor } from "@/lib/agent/accounts";

// npm run agent -- add --email <work email> --name "<display name>" [--role agent|supervisor] [--json]
//                                      (password from stdin, or generated; role agent by default)
// npm run agent -- reset-factor --email <email> [--json]   (a new TOTP secret; ends the account's sessions)
// npm run agent -- disable --email <email>  |  enable --email <email>  |  list
//
// Manages call-centre agent accounts (the /agent console): the operator's break-glass path, run on the server.
// On the database the app uses (DATABASE_URL, or the embedded PGlite folder: stop the portal first, PGlite admits
// one process). A piped password must be at least 12 characters; with none piped a random one is generated. `add`
// and `reset-factor` print the account's TOTP secret and otpauth:// URI once (for the agent's authenticator app);
// with --json, as one line of JSON: {"email","role","password","totpSecret","otpauthUri"} (`add`) or
// {"email","totpSecret","otpauthUri"} (`reset-factor`). Exit codes: 0 done, 1 refused (bad input, existing
// account, no such account), 2 usage, 3 any other failure.

const USAGE =
  'usage: npm run agent -- add --email <email> --name "<name>" [--role agent|supervisor] [--json]  |  reset-factor --email <email> [--json]  |  disable --email <email>  |  enable --email <email>  |  list';
const COMMANDS = ["add", "reset-factor", "disable", "enable", "list"];

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("--email must be an email address like name@example.com"));
const nameSchema = z
  .string()
  .trim()
  .min(1, "--name must not be empty")
  .max(100, "--name must be at most 100 characters");
const roleSchema = z.enum(AGENT_ROLES, "--role must be agent or supervisor");
const passwordSchema = z
  .string()
  .max(200, "the password must be at most 200 characters")
  .refine(
    (v) => v.trim().length >= 12,
    "the password must be at least 12 characters (not counting spaces at either end)",
  );

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

class Refused extends Error {}

/** Before the database is open: say why and stop. */
function refuse(message: string): never {
  console.error(`agent: ${message}`);
  process.exit(1);
}

const check = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const r = schema.safeParse(value);
  return r.success ? r.data : refuse(r.error.issues[0]?.message ?? "invalid value");
};

let args: ReturnType<
  typeof parseArgs<{
    allowPositionals: true;
    options: {
      email: { type: "string" };
      name: { type: "string" };
      role: { type: "string" };
      json: { type: "boolean" };
    };
  }>
>;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      json: { type: "boolean" },
    },
  });
} catch {
  console.error(USAGE);
  process.exit(2);
}
const [command, ...extra] = args.positionals;
if (!command || extra.length > 0 || !COMMANDS.includes(command)) {
  console.error(USAGE);
  process.exit(2);
}

// Everything is checked before the database is opened: bad input changes nothing.
const email = command === "list" ? "" : check(emailSchema, args.values.email ?? "");
const name = command === "add" ? check(nameSchema, args.values.name ?? "") : "";
const role = command === "add" ? check(roleSchema, args.values.role ?? "agent") : "agent";
const json = args.values.json === true;
let password = "";
let generated = false;
if (command === "add") {
  const piped = process.stdin.isTTY ? "" : await readStdin();
  if (piped === "") {
    password = randomBytes(18).toString("base64url");
    generated = true;
  } else password = check(passwordSchema, piped);
}

/** Secrets go to standard output only, once; nothing else prints them. */
const show = (fields: Record<string, string>, text: string) => console.log(json ? JSON.stringify(fields) : text);

let exitCode = 0;
let handle: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  handle = await openDatabase();
  await migrateDatabase(handle);
  if (command === "add") {
    let factor: Awaited<ReturnType<typeof createAgentAccount>>;
    try {
      factor = await createAgentAccount(handle.db, { email, displayName: name, role, password }, { type: "cli" });
    } catch (err) {
      if (err instanceof AgentExistsError) throw new Refused(`an agent with the email ${email} already exists`);
      throw err;
    }
    show(
      { email, role, password, totpSecret: factor.totpSecret, otpauthUri: factor.otpauthUri },
      [
        `added ${email} (${role})`,
        ...(generated ? [`password (shown once): ${password}`] : []),
        `authenticator secret (shown once): ${factor.totpSecret}`,
        `authenticator URI: ${factor.otpauthUri}`,
      ].join("\n"),
    );
  } else if (command === "reset-factor") {
    const factor = await resetAgentFactor(handle.db, email, { type: "cli" });
    if (!factor) throw new Refused(`no agent with the email ${email}`);
    show(
      { email, totpSecret: factor.totpSecret, otpauthUri: factor.otpauthUri },
      [
        `new second factor for ${email}; its sessions are ended`,
        `authenticator secret (shown once): ${factor.totpSecret}`,
        `authenticator URI: ${factor.otpauthUri}`,
      ].join("\n"),
    );
  } else if (command === "disable" || command === "enable") {
    const id = await setAgentDisabled(handle.db, email, command === "disable");
    if (!id) throw new Refused(`no agent with the email ${email}`);
    // Done from the command line: no actor id; `ref` names the account acted on (ids only).
    await recordAudit(handle.db, { type: "cli" }, `agent.${command}d`, { ref: id });
    console.log(`${command}d ${email}`);
  } else {
    for (const a of await listAgents(handle.db))
      console.log(`${a.email}\t${a.displayName}\t${a.role}${a.disabled ? "\t(disabled)" : ""}`);
  }
} catch (err) {
  if (err instanceof Refused) {
    console.error(`agent: ${err.message}`);
    exitCode = 1;
  } else {
    console.error(
      `agent: ${(err as Error).name}: could not complete (${(err as { code?: string }).code ?? "no code"})`,
    );
    exitCode = 3;
  }
} finally {
  await handle?.close();
}
process.exit(exitCode);
