import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AgentSession } from "@/lib/auth/agent";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";
import { useAppDatabase } from "./helpers/traveller-auth";

// Every console page and every agent server action, for each of: no session, an agent, a supervisor. The lists are
// read from the filesystem, so a new page under app/(agent) or a new action in a "use server" module of the console
// fails this test until it has an entry below saying who may use it. Pages are held to calling the right guard
// (their behaviour in a browser: e2e/agent-sign-in.spec.ts); actions are called for real, on a real database,
// with only "who is signed in" (the cookie read) and the language stubbed.

type Who = "anyone" | "agent" | "supervisor";

/** Console pages (app/(agent)/**\/page.tsx, by route) and who may open them. */
const PAGES: Record<string, Who> = {
  "/agent": "agent",
  "/agent/agents": "supervisor",
  "/agent/audit": "supervisor",
  "/agent/callers": "agent",
  "/agent/case/[id]": "agent",
  "/agent/security": "agent",
};

/** Console server actions (exports of "use server" modules under lib/agent and app/(agent*)) and who may call them. */
const ACTIONS: Record<string, { who: Who | "token"; input: () => Record<string, string>; status?: string }> = {
  // Open by nature: signing in and out (tests/agent-console.test.ts), and the enrolment link whose token is the
  // credential (tests/agent-accounts.test.ts).
  signInAgentAction: { who: "anyone", input: () => ({}) },
  signOutAgentAction: { who: "anyone", input: () => ({}) },
  enrolAgentAction: { who: "token", input: () => ({}) },
  markFlagNotifiedAction: { who: "agent", input: () => ({ flag: randomUUID() }) },
  createAgentAccountAction: {
    who: "supervisor",
    // An existing email (the supervisor's own): the supervisor gets "exists", so nothing is created either way.
    input: () => ({ name: "Matrix", email: "supervisor.matrix@airline.example", role: "agent" }),
  },
  setAgentDisabledAction: { who: "supervisor", input: () => ({ agent: randomUUID(), disabled: "true" }) },
  startAgentResetAction: { who: "supervisor", input: () => ({ agent: randomUUID(), kind: "factor" }) },
  approveAgentResetAction: { who: "supervisor", input: () => ({ request: randomUUID() }) },
  // The caller console: any signed-in agent, and then only on their own cases (tests/agent-case.test.ts). A case
  // id nobody opened is not found; a search for a reference nobody holds finds nothing.
  searchCallersAction: { who: "agent", input: () => ({ kind: "booking", value: "ZZ2Z9Z" }), status: "ok" },
  sendCodeFormAction: { who: "agent", input: () => ({ result: "x".repeat(40) }) },
  checkCodeFormAction: { who: "agent", input: () => ({ case: randomUUID(), code: "1234567890" }) },
  // Ending a call is idempotent: any case id lands back on the search page.
  endCallFormAction: { who: "agent", input: () => ({ case: randomUUID() }), status: "redirect:/agent/callers" },
  enrolFormAction: { who: "agent", input: () => ({ case: randomUUID(), subject: "self", consent: "on" }) },
  flagFormAction: { who: "agent", input: () => ({ case: randomUUID(), companion: "1" }) },
  resendFormAction: { who: "agent", input: () => ({ case: randomUUID(), subject: "self" }) },
  noteFormAction: { who: "agent", input: () => ({ case: randomUUID(), note: "Called back." }) },
  revealFormAction: {
    who: "agent",
    input: () => ({ case: randomUUID(), subject: "self", reason: "email_lost" }),
  },
  // Revoking the caller's rewards link: their own open case only (tests/agent-case-notices.test.ts).
  revokeRewardsLinkFormAction: { who: "agent", input: () => ({ case: randomUUID() }) },
  // Passkeys (tests/agent-passkeys.test.ts): signing in with one is open; each agent manages only their own.
  passkeySignInOptionsAction: { who: "anyone", input: () => ({}) },
  signInWithPasskeyAction: { who: "anyone", input: () => ({}) },
  passkeyRegistrationOptionsAction: { who: "agent", input: () => ({ name: "Matrix", code: "000000" }) },
  addPasskeyAction: { who: "agent", input: () => ({ name: "Matrix", response: "{}" }) },
  passkeyConfirmOptionsAction: { who: "agent", input: () => ({}) },
  removePasskeyWithCodeAction: { who: "agent", input: () => ({ passkey: randomUUID(), code: "000000" }) },
  removePasskeyWithPasskeyAction: { who: "agent", input: () => ({ passkey: randomUUID(), response: "{}" }) },
};

let signedIn: AgentSession | null = null;
vi.mock("@/lib/auth/agent", async (original) => ({
  ...(await original<typeof import("@/lib/auth/agent")>()),
  getAgentSession: async () => signedIn,
}));
vi.mock("@/lib/i18n/server", () => ({ getLocale: async () => "en" }));
// Outside Next's request scope revalidatePath throws; the page it refreshes is not under test here.
vi.mock("next/cache", async (original) => ({
  ...(await original<typeof import("next/cache")>()),
  revalidatePath: () => {},
}));
// The request's headers, as a browser on the console sends them (client address, request id).
vi.mock("next/headers", async (original) => ({
  ...(await original<typeof import("next/headers")>()),
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.50", "x-request-id": randomUUID() }),
}));

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const routeOf = (file: string) =>
  `/${relative("app/(agent)", file)
    .replace(/(^|\/)page\.tsx$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s))
    .join("/")}`.replace(/\/$/, "") || "/";

const consolePages = () => walk("app/(agent)").filter((f) => f.endsWith("/page.tsx"));
const actionModules = () =>
  [
    ...walk("lib/agent"),
    ...readdirSync("app")
      .filter((d) => d.startsWith("(agent"))
      .flatMap((d) => walk(join("app", d))),
  ]
    .filter((f) => /\.tsx?$/.test(f))
    .filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));

let t: TestDatabase;
const sessions: Record<"agent" | "supervisor", AgentSession> = {} as never;
beforeAll(async () => {
  process.env.PASSWORD_HASH_TEST_N = "1024";
  t = await createTestDatabase();
  useAppDatabase(t);
  const { createAgentAccount } = await import("@/lib/agent/accounts");
  for (const role of ["agent", "supervisor"] as const) {
    const email = `${role}.matrix@airline.example`;
    const { id } = await createAgentAccount(
      t.db,
      { email, displayName: role, role, password: "x".repeat(12) },
      {
        type: "cli",
      },
    );
    sessions[role] = { agentId: id, displayName: role, role };
  }
});
afterAll(async () => t?.destroy());

describe("console pages", () => {
  it("has an entry for every page, and no entry for a page that is gone", () => {
    expect(consolePages().map(routeOf).sort()).toEqual(Object.keys(PAGES).sort());
  });

  it.each(Object.entries(PAGES))("%s calls the guard for its role, on the server", (route, who) => {
    const file = consolePages().find((f) => routeOf(f) === route)!;
    const source = readFileSync(file, "utf8");
    expect(source).not.toMatch(/^\s*["']use client["']/);
    // The group layout (requireAgent) does not run for every request: the page checks for itself.
    expect(source).toMatch(
      who === "supervisor" ? /await requireSupervisor\(\)/ : /await require(Agent|Supervisor)\(\)/,
    );
  });
});

describe("console server actions", () => {
  const exported = async () => {
    const names: Record<string, (prev: unknown, raw: unknown) => Promise<{ status: string; message?: string }>> = {};
    for (const file of actionModules()) Object.assign(names, await import(/* @vite-ignore */ resolve(file)));
    return names;
  };

  it("has an entry for every action, and no entry for an action that is gone", async () => {
    expect(Object.keys(await exported()).sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  const roleBound = Object.entries(ACTIONS).filter(([, a]) => a.who === "agent" || a.who === "supervisor");
  it.each(roleBound)(
    "%s: no session is sent to sign in, and only the right role gets past the check",
    async (name, a) => {
      const action = (await exported())[name]!;
      const form = () => {
        const data = new FormData();
        for (const [k, v] of Object.entries(a.input())) data.set(k, v);
        return data;
      };
      // No session: redirected to sign in (redirect() throws Next's redirect error), nothing done.
      signedIn = null;
      await expect(action(undefined, form())).rejects.toMatchObject({
        digest: expect.stringContaining("/agent/sign-in"),
      });
      // An agent on a supervisor action: refused as such. A supervisor (and an agent on an agent action) gets past
      // the role check to the service's own answer for this input (no such account, request or flag).
      const { agentAccountMessages } = await import("@/lib/i18n/messages/agent-accounts");
      const forbidden = agentAccountMessages.en.forbidden;
      // The wrapper's answer to an exception: never what a role check or a service says, so never expected here.
      const { commonMessages } = await import("@/lib/i18n/messages/common");
      const crashed = commonMessages.en.genericError;
      // A redirect (an action that succeeds by moving on) counts as its target, "redirect:<path>".
      const run = () =>
        action(undefined, form()).catch((err: { digest?: string }) => {
          const to = /;(\/[^;]*);/.exec(err.digest ?? "")?.[1];
          if (!to) throw err;
          return { status: `redirect:${to}`, message: undefined };
        });
      signedIn = sessions.agent;
      const asAgent = await run();
      if (a.who === "supervisor") expect(asAgent).toEqual({ status: "error", message: forbidden });
      else expect(asAgent.message).not.toBe(forbidden);
      signedIn = sessions.supervisor;
      const asSupervisor = await run();
      expect(asSupervisor.status).toBe(a.status ?? "error");
      expect([asAgent.message, asSupervisor.message]).not.toContain(crashed);
      expect(asSupervisor.message).not.toBe(forbidden);
    },
  );
});
