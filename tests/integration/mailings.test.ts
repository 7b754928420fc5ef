import type { Segment } from "~/modules/mailings/mailings.server";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMailTransport } from "~/modules/mail/transport.server";
import { DomainSlots, Pacer } from "~/modules/mail/pacing";
import { mailTimings } from "~/modules/mail/timing";
import { dispatchMailing, wakeMailings } from "~/modules/mailings/dispatch.server";
import {
  checkMailingContent,
  countRecipients,
  createMailing,
  previewMailing,
  saveMailing,
  scheduleMailing,
  sendMailingNow,
  sendTestMessage,
} from "~/modules/mailings/mailings.server";
import { mailingReport, retryFailedRecipients } from "~/modules/mailings/report.server";
import { describeUnsubscribeLink, unsubscribeByToken } from "~/modules/mailings/unsubscribe.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { SmtpSink } from "../support/smtp-sink";

describe.each(testDrivers())("mailings (%s)", (driver) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let network: Awaited<ReturnType<typeof createNetwork>>;
  let organiserId: string;
  const dispatch = (mailingId: string) =>
    dispatchMailing(database.db, mailingId, {
      transport: createMailTransport(sink.url),
      appUrl: "https://daymark.test",
      pacer: new Pacer(database.db, "mailing", 1000),
      slots: new DomainSlots(5),
      timings: mailTimings(),
      retryDelaySeconds: 1,
    });
  const draft = async (title: string, segment = { countries: [] as string[], languages: [] as string[], tags: [] as string[] }) => {
    const id = await createMailing(database.db, network, organiserId, title);
    await saveMailing(database.db, network.id, id, {
      title,
      campaignId: null,
      pledgedCampaignId: null,
      ...segment,
      variants: [{ language: "en", subject: "News for {{partner.name}}", body: "Hello {{contact.name}}" }],
    });
    return id;
  };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    sink = await new SmtpSink().start();
    const db = database.db;
    network = await createNetwork(db, "mail");
    organiserId = (await createUser(db, { email: "org@mail.example.org", networkId: network.id, role: "organiser" })).id;
    const organisations = await db
      .insertInto("partner_organisations")
      .values([
        { network_id: network.id, name: "Porto *Peers*", country: "PT", languages: ["pt"], tags: ["peer-led"] },
        { network_id: network.id, name: "Lyon Santé", country: "FR", languages: ["fr"], tags: ["HIV"] },
      ])
      .returning(["id", "name"])
      .execute();
    await db
      .insertInto("partner_contacts")
      .values([
        { network_id: network.id, partner_id: organisations[0]!.id, name: "<Ana>", email: "ana@porto.example.org", locale: "pt" },
        { network_id: network.id, partner_id: organisations[1]!.id, name: "Camille", email: "camille@lyon.example.org", locale: "fr" },
        { network_id: network.id, partner_id: organisations[1]!.id, name: "Gone", email: "gone@lyon.example.org", subscribed: false },
      ])
      .execute();
  });
  afterAll(async () => {
    await sink?.stop();
    await database?.drop();
  });

  test("unknown merge fields are named; campaign fields need a campaign; the network's language is required", async () => {
    const problems = await checkMailingContent(database.db, network, {
      campaignId: null,
      variants: [{ language: "fr", subject: "Bonjour {{contact.nom}}", body: "{{ campaign.title }} et {{partner.name}}" }],
    });
    expect(problems).toEqual([
      { field: "variants[0].subject", key: "mailings.validation.unknownField", values: { field: "{{contact.nom}}" } },
      { field: "variants[0].body", key: "mailings.validation.needsCampaign" },
      { field: "", key: "mailings.validation.needsDefaultVariant", values: { language: "en" } },
    ]);
  });

  test("segments count subscribed contacts of matching organisations only", async () => {
    const count = (segment: Partial<Segment>) =>
      countRecipients(database.db, network.id, { countries: [], languages: [], tags: [], pledgedCampaignId: null, ...segment });
    expect(await count({})).toBe(2);
    expect(await count({ countries: ["FR"] })).toBe(1);
    expect(await count({ languages: ["pt", "de"] })).toBe(1);
    expect(await count({ tags: ["HIV"], countries: ["PT"] })).toBe(0);

    // Partners pledged to a campaign: only the organisation that pledged to this one.
    const [pledged, other] = await database.db
      .insertInto("campaigns")
      .values([
        { network_id: network.id, slug: "segment-pledged", title: "Pledged", status: "published" },
        { network_id: network.id, slug: "segment-other", title: "Other", status: "published" },
      ])
      .returning("id")
      .execute();
    const lyon = await database.db
      .selectFrom("partner_organisations")
      .select("id")
      .where("name", "=", "Lyon Santé")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("campaign_pledges")
      .values({ network_id: network.id, campaign_id: pledged!.id, partner_id: lyon.id, kind: "hold_event" })
      .execute();
    expect(await count({ pledgedCampaignId: pledged!.id })).toBe(1);
    expect(await count({ pledgedCampaignId: pledged!.id, countries: ["PT"] })).toBe(0);
    expect(await count({ pledgedCampaignId: other!.id })).toBe(0);
  });

  test("the preview shows a contact's message with their values made inert", async () => {
    const id = await draft("Preview");
    const ana = await database.db
      .selectFrom("partner_contacts")
      .select("id")
      .where("email", "=", "ana@porto.example.org")
      .executeTakeFirstOrThrow();
    expect(await previewMailing(database.db, network.id, id, ana.id, "https://daymark.test")).toMatchObject({
      to: "ana@porto.example.org",
      language: "en",
      subject: "News for Porto *Peers*",
      html: "<p>Hello &lt;Ana&gt;</p>\n",
    });
  });

  test("a contact who unsubscribes is skipped by the next mailing, and a mailing still sending", async () => {
    const first = await draft("First");
    expect(await sendMailingNow(database.db, network, first, organiserId)).toEqual({ ok: true });
    expect(await dispatch(first)).toBe("finished");
    const camille = sink.messagesTo("camille@lyon.example.org")[0]!;
    const token = camille.parsed.text!.match(/\/unsubscribe\/([A-Za-z0-9_-]{43})/)![1]!;
    expect(await describeUnsubscribeLink(database.db, token)).toEqual({
      email: "camille@lyon.example.org",
      networkName: "Network mail",
      subscribed: true,
      language: "en", // the page from the link speaks the language the mail was sent in
    });
    expect(await unsubscribeByToken(database.db, token)).toEqual({ email: "camille@lyon.example.org", networkName: "Network mail" });
    expect(await unsubscribeByToken(database.db, token)).toEqual({ email: "camille@lyon.example.org", networkName: "Network mail" });
    expect(await unsubscribeByToken(database.db, "x".repeat(43))).toBeUndefined();

    sink.messages.length = 0;
    const second = await draft("Second");
    await sendMailingNow(database.db, network, second, organiserId);
    expect(await dispatch(second)).toBe("finished");
    expect(sink.messages.map((mail) => mail.envelopeTo[0])).toEqual(["ana@porto.example.org"]);

    // Fixed list, then Ana unsubscribes before her turn: she is skipped and counted as unsubscribed.
    sink.messages.length = 0;
    await database.db
      .updateTable("partner_contacts")
      .set({ subscribed: true, unsubscribed_at: null })
      .where("email", "=", "camille@lyon.example.org")
      .execute();
    const third = await draft("Third");
    await sendMailingNow(database.db, network, third, organiserId);
    await database.db.updateTable("partner_contacts").set({ subscribed: false }).where("email", "=", "ana@porto.example.org").execute();
    expect(await dispatch(third)).toBe("finished");
    expect(sink.messages.map((mail) => mail.envelopeTo[0])).toEqual(["camille@lyon.example.org"]);
    expect((await mailingReport(database.db, third)).counts).toEqual({ queued: 0, sent: 1, failed: 0, unsubscribed: 1 });
    await database.db.updateTable("partner_contacts").set({ subscribed: true }).where("email", "=", "ana@porto.example.org").execute();
  });

  test("a permanent failure is reported with its reason, and retried on request", async () => {
    sink.messages.length = 0;
    const id = await draft("Failing", { countries: ["FR"], languages: [], tags: [] });
    await sendMailingNow(database.db, network, id, organiserId);
    sink.refuseNext(1, 550);
    expect(await dispatch(id)).toBe("finished");
    const report = await mailingReport(database.db, id);
    expect(report.counts).toEqual({ queued: 0, sent: 0, failed: 1, unsubscribed: 0 });
    expect(report.failed).toMatchObject([{ email: "camille@lyon.example.org", partner_name: "Lyon Santé" }]);
    expect(report.failed[0]!.last_error).toMatch(/550 Mailbox unavailable/);

    expect(await retryFailedRecipients(database.db, network.id, id, organiserId)).toBe(1);
    const outbox = await database.db
      .selectFrom("email_outbox")
      .select("status")
      .where("to_address", "=", "camille@lyon.example.org")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(outbox.status).toBe("queued");
    expect((await mailingReport(database.db, id)).counts).toEqual({ queued: 1, sent: 0, failed: 0, unsubscribed: 0 });
  });

  test("a temporary refusal leaves the paced path for the deliver-email queue's retries", async () => {
    const id = await draft("Busy server", { countries: ["PT"], languages: [], tags: [] });
    await sendMailingNow(database.db, network, id, organiserId);
    sink.refuseNext(1, 451);
    expect(await dispatch(id)).toBe("finished");
    const recipient = await database.db
      .selectFrom("mailing_recipients as r")
      .innerJoin("email_outbox as o", "o.id", "r.outbox_id")
      .select(["r.handed_off", "o.status", "o.last_error", "o.id"])
      .where("r.mailing_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(recipient).toMatchObject({ handed_off: true, status: "queued" });
    expect(recipient.last_error).toMatch(/451 Try again later/);
    const jobs = await sql<{ count: number }>`select count(*)::int as count from pgboss.job
      where name = 'deliver-email' and data->>'outboxId' = ${recipient.id}`.execute(database.db);
    expect(jobs.rows).toEqual([{ count: 1 }]);
  });

  test("two organisers pressing send at once start one sending; a test send goes to the organiser only", async () => {
    const id = await draft("Twice", { countries: ["FR"], languages: [], tags: [] });
    const camille = await database.db
      .selectFrom("partner_contacts")
      .select("id")
      .where("email", "=", "camille@lyon.example.org")
      .executeTakeFirstOrThrow();
    expect(
      await sendTestMessage(database.db, {
        networkId: network.id,
        mailingId: id,
        contactId: camille.id,
        to: "org@mail.example.org",
        appUrl: "https://daymark.test",
        testLabel: "[Test]",
      }),
    ).toBe(true);
    const test = await database.db
      .selectFrom("email_outbox")
      .select(["to_address", "subject"])
      .where("to_address", "=", "org@mail.example.org")
      .executeTakeFirstOrThrow();
    expect(test).toEqual({ to_address: "org@mail.example.org", subject: "[Test] News for Lyon Santé" });

    const outcomes = await Promise.all([
      sendMailingNow(database.db, network, id, organiserId),
      sendMailingNow(database.db, network, id, organiserId),
    ]);
    expect(outcomes).toContainEqual({ ok: true });
    expect(outcomes).toContainEqual({ ok: false, problem: "not-draft" });
    const recipients = await database.db.selectFrom("mailing_recipients").select("email").where("mailing_id", "=", id).execute();
    expect(recipients).toEqual([{ email: "camille@lyon.example.org" }]);
    expect(await dispatch(id)).toBe("finished");
  });

  test("a scheduled mailing starts at its time, not before", async () => {
    sink.messages.length = 0;
    const id = await draft("Later", { countries: ["PT"], languages: [], tags: [] });
    const inAnHour = new Date(Date.now() + 60 * 60 * 1000);
    expect(await scheduleMailing(database.db, network, id, organiserId, inAnHour)).toEqual({ ok: true });
    expect(await dispatch(id)).toBe("nothing-to-do");
    await database.db
      .updateTable("mailings")
      .set({ scheduled_at: new Date(Date.now() - 1000) })
      .where("id", "=", id)
      .execute();
    expect(await wakeMailings(database.db)).toBeGreaterThanOrEqual(1);
    expect(await dispatch(id)).toBe("finished");
    expect(sink.messages.map((mail) => mail.envelopeTo[0])).toEqual(["ana@porto.example.org"]);
  });
});
