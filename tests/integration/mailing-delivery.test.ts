import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startJobRunner, type JobRunner } from "~/jobs/runner.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { createMailing, saveMailing, sendMailingNow } from "~/modules/mailings/mailings.server";
import { mailingReport } from "~/modules/mailings/report.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { SmtpSink } from "../support/smtp-sink";
import { seedContacts, variants, waitForMailing } from "../support/mailings";

describe.each(testDrivers())("a mailing to 2,000 contacts in 3 languages (%s)", (driver) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let runner: JobRunner;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    sink = await new SmtpSink().start();
    runner = await startJobRunner(database, {
      transport: createMailTransport(sink.url),
      pollSeconds: 0.5,
      emailRetryLimit: 2,
      emailRetryDelaySeconds: 1,
      schedule: false,
      mailingRatePerSecond: 1000,
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await sink?.stop();
    await database?.drop();
  });

  test("every contact receives exactly one message, in their language, with the merge fields filled", { timeout: 300_000 }, async () => {
    const { db } = database;
    const network = await createNetwork(db, "bulk", "Bulk Network");
    const organiser = await createUser(db, { email: "org@bulk.example.org", networkId: network.id, role: "organiser" });
    const campaign = await db
      .insertInto("campaigns")
      .values({ network_id: network.id, slug: "wad", title: `World AIDS Day ${testYear}`, starts_on: `${testYear}-12-01` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const contacts = await seedContacts(db, network.id, 2000);
    const mailingId = await createMailing(db, network, organiser.id, "December call");
    await saveMailing(db, network.id, mailingId, {
      title: "December call",
      campaignId: campaign.id,
      countries: [],
      languages: [],
      tags: [],
      pledgedCampaignId: null,
      variants,
    });
    expect(await sendMailingNow(db, network, mailingId, organiser.id)).toEqual({ ok: true });

    await waitForMailing(db, mailingId, () => sink.messages.length >= 2000, 240_000);
    expect(await mailingReport(db, mailingId)).toMatchObject({
      counts: { queued: 0, deferred: 0, sent: 2000, bounced: 0, complained: 0, unsubscribed: 0, suppressed: 0, failed: 0 },
      total: 2000,
    });

    const byAddress = new Map<string, number>();
    for (const mail of sink.messages) for (const to of mail.envelopeTo) byAddress.set(to, (byAddress.get(to) ?? 0) + 1);
    expect(byAddress.size).toBe(2000);
    expect([...byAddress.values()].every((count) => count === 1)).toBe(true);

    const expected = {
      en: { subject: `World AIDS Day ${testYear}: a call to`, date: `December 1, ${testYear}` },
      fr: { subject: `World AIDS Day ${testYear} : un appel à`, date: `1 décembre ${testYear}` },
      pt: { subject: `World AIDS Day ${testYear}: um apelo a`, date: `1 de dezembro de ${testYear}` },
    } as const;
    const languagesSeen = { en: 0, fr: 0, pt: 0 };
    const unsubscribeLinks = new Set<string>();
    for (const contact of contacts) {
      const mail = sink.messagesTo(contact.email)[0]!;
      const language = contact.expectedLanguage;
      languagesSeen[language] += 1;
      expect(mail.parsed.subject).toBe(`${expected[language].subject} ${contact.partnerName}`);
      expect(mail.parsed.text).toContain(`${contact.name}, ${expected[language].date}`);
      expect(mail.parsed.html).toContain(`<html lang="${language}">`);
      const headerLines = mail.raw
        .split("\r\n\r\n")[0]!
        .replace(/\r\n(?=[ \t])/g, "")
        .split("\r\n");
      expect(headerLines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(headerLines.filter((line) => line.startsWith("List-Unsubscribe: "))).toEqual([
        expect.stringMatching(/^List-Unsubscribe: <http:\/\/localhost:3000\/unsubscribe\/[A-Za-z0-9_-]{43}\/one-click>$/),
      ]);
      const unsubscribeUrl = headerLines
        .find((line) => line.startsWith("List-Unsubscribe: "))!
        .slice(19, -1)
        .replace(/\/one-click$/, "");
      expect(mail.parsed.text).toContain(`: ${unsubscribeUrl}\n`); // the footer link
      unsubscribeLinks.add(unsubscribeUrl);
    }
    expect(languagesSeen).toEqual({ en: 667, fr: 667, pt: 666 });
    expect(unsubscribeLinks.size).toBe(2000);
  });
});
