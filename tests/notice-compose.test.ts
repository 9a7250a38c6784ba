import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import {
  companionContactAddresses,
  companionFlags,
  monitoringEnrolments,
  notices,
  people,
  rewardsLinks,
} from "@/db/schema";
import { importBundle } from "@/lib/bundle/import";
import { aadFor, encryptField } from "@/lib/crypto/field-encryption";
import { composeNoticeEmail } from "@/lib/notices/compose";
import { rewardsLinkToken, rewardsTokenHash } from "@/lib/notices/rewards-token";
import { DEMO_BUNDLE } from "./helpers/bundle-fixtures";
import { createTestDatabase, type TestDatabase } from "./helpers/test-db";

// composeNoticeEmail against people of the imported demo bundle: the right recipient, the person's language and
// region, a rewards member's link created once per notice (the same on every compose), a deterministic
// Message-ID, and null for what is no longer owed. Runs on PGlite and PostgreSQL.

let t: TestDatabase;
const PUBLIC_URL = "http://localhost:3000";

beforeAll(async () => {
  t = await createTestDatabase();
  await importBundle(t, DEMO_BUNDLE);
});
afterAll(() => t?.destroy());

const personId = async (externalId: string) => {
  const [p] = await t.db.select({ id: people.id }).from(people).where(eq(people.externalId, externalId));
  return p!.id;
};
const queue = async (
  externalId: string,
  kind: "initial" | "reminder_30" = "initial",
  channel: "email" | "letter" = "email",
) => {
  const [n] = await t.db
    .insert(notices)
    .values({ personId: await personId(externalId), kind, channel })
    .returning({ id: notices.id });
  return n!.id;
};

describe("composeNoticeEmail", () => {
  it("a Québec rewards member: French first, her categories, one rewards link per notice, the same on a retry", async () => {
    const id = await queue("W00000001"); // Émilie Côté, fr, QC, rewards member, on a shared booking
    const first = await composeNoticeEmail(t.db, id);
    expect(first).not.toBeNull();
    expect(first!.to).toBe("emilie.cote@example.ca");
    expect(first!.messageId).toBe(`<notice-${id}@localhost>`);
    expect(first!.subject.startsWith("WestJet\u00a0: avis important")).toBe(true);
    expect(first!.text.indexOf("——— Français ———")).toBeLessThan(first!.text.indexOf("——— English ———"));
    expect(first!.text).toContain("Bonjour Émilie Côté,");
    expect(first!.text).toContain("Commission d’accès à l’information du Québec");
    expect(first!.text).toContain("Vous avez voyagé sur une réservation avec d’autres personnes.");
    expect(first!.html).toContain('<div lang="fr">');

    const links = await t.db.select().from(rewardsLinks).where(eq(rewardsLinks.noticeId, id));
    expect(links).toHaveLength(1);
    const link = links[0]!;
    const token = rewardsLinkToken(link.id);
    expect(link.tokenHash).toBe(rewardsTokenHash(token));
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeGreaterThan(89 * 86_400_000);
    expect(first!.text).toContain(`${PUBLIC_URL}/rewards/${token}`);
    expect(first!.html).toContain(`href="${PUBLIC_URL}/rewards/${token}"`);

    const again = await composeNoticeEmail(t.db, id);
    expect(again).toEqual(first);
    expect(await t.db.select().from(rewardsLinks).where(eq(rewardsLinks.noticeId, id))).toHaveLength(1);
  });

  it("an English speaker in Ontario, and a US resident with the US headings", async () => {
    const on = await composeNoticeEmail(t.db, await queue("W00000004"));
    expect(on!.to).toBe("siobhan.obrien@example.com");
    expect(on!.text.indexOf("——— English ———")).toBeLessThan(on!.text.indexOf("——— Français ———"));
    expect(on!.text).toContain("Office of the Privacy Commissioner of Canada");
    const us = await composeNoticeEmail(t.db, await queue("W00000028"));
    expect(us!.to).toBe("ama.singh28@example.net");
    expect(us!.subject).toContain("Notice of Data Breach");
    for (const h of [
      "What Happened",
      "What Information Was Involved",
      "What We Are Doing",
      "What You Can Do",
      "For More Information",
      "Security freeze",
      "Fraud alert",
    ])
      expect(us!.text).toContain(h);
    // Not a rewards member: no link.
    expect(us!.text).not.toContain("/rewards/");
  });

  it("names the person's own categories from the bundle", async () => {
    const pid = await personId("W00000004");
    const cats = rowsOf<{ name_en: string }>(
      await t.db.execute(
        sql`select c.name_en from exposures e join categories c on c.code = e.category where e.person_id = ${pid}`,
      ),
    ).map((r) => r.name_en);
    expect(cats.length).toBeGreaterThan(0);
    const id = (await t.db.select({ id: notices.id }).from(notices).where(eq(notices.personId, pid)))[0]!.id;
    const mail = await composeNoticeEmail(t.db, id);
    for (const c of cats) expect(mail!.text).toContain(`  - ${c}`);
  });

  it("companion_contact: to the typed address, with no personal data", async () => {
    const companion = await personId("W00000002"); // Jérôme Côté, on Émilie's booking
    const flagger = await personId("W00000001");
    const [bp] = rowsOf<{ booking_id: number }>(
      await t.db.execute(sql`select booking_id from booking_passengers where person_id = ${companion} limit 1`),
    );
    const [flag] = await t.db
      .insert(companionFlags)
      .values({ bookingId: Number(bp!.booking_id), companionPersonId: companion, flaggedByPersonId: flagger })
      .returning({ id: companionFlags.id });
    await t.db.insert(companionContactAddresses).values({
      flagId: flag!.id,
      givenByPersonId: flagger,
      emailEnc: encryptField(
        "typed@example.org",
        aadFor("companion_contact_addresses", "email", `${flag!.id}:${flagger}`),
      ),
    });
    const [n] = await t.db
      .insert(notices)
      .values({ personId: companion, kind: "companion_contact", channel: "email", companionFlagId: flag!.id })
      .returning({ id: notices.id });
    const mail = await composeNoticeEmail(t.db, n!.id);
    expect(mail!.to).toBe("typed@example.org");
    for (const part of [mail!.text, mail!.html, mail!.subject])
      for (const personal of ["Jérôme", "Côté", "Émilie", "jerome.cote", "Nom complet", "/rewards/"])
        expect(part).not.toContain(personal);
    expect(await t.db.select().from(rewardsLinks).where(eq(rewardsLinks.noticeId, n!.id))).toHaveLength(0);
  });

  it("null when no longer owed: sent, a letter, a reminder after enrolment, nobody to send to", async () => {
    const sent = await queue("W00000031");
    await t.db.update(notices).set({ status: "sent" }).where(eq(notices.id, sent));
    expect(await composeNoticeEmail(t.db, sent)).toBeNull();
    expect(await composeNoticeEmail(t.db, await queue("W00000031", "initial", "letter"))).toBeNull();
    expect(await composeNoticeEmail(t.db, await queue("W00000030"))).toBeNull(); // no email on file
    expect(await composeNoticeEmail(t.db, 999_999_999)).toBeNull();

    const reminder = await queue("W00000031", "reminder_30");
    expect(await composeNoticeEmail(t.db, reminder)).not.toBeNull();
    expect(await composeNoticeEmail(t.db, reminder, new Date("2027-10-01T12:00:00Z"))).toBeNull(); // past enrol-by
    const pid = await personId("W00000031");
    await t.db.insert(monitoringEnrolments).values({
      personId: pid,
      enrolledByPersonId: pid,
      activationCodeEnc: "x",
      consentAt: new Date(),
      termEndsOn: "2028-12-02",
    });
    expect(await composeNoticeEmail(t.db, reminder)).toBeNull();
    const [still] = await t.db
      .select({ status: notices.status })
      .from(notices)
      .where(and(eq(notices.id, reminder)));
    expect(still!.status).toBe("queued"); // compose changes nothing
  });
});
