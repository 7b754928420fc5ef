import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { pollBounceMailbox } from "~/modules/mail/bounce-mailbox.server";
import { liftSuppression } from "~/modules/mail/bounces.server";
import { deliverOutboxMessage } from "~/modules/mail/delivery.server";
import { listOneOffMessages, messageHistory } from "~/modules/mail/log.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { DomainSlots, Pacer } from "~/modules/mail/pacing";
import { mailTimings } from "~/modules/mail/timing";
import { createMailTransport } from "~/modules/mail/transport.server";
import { dispatchMailing } from "~/modules/mailings/dispatch.server";
import { createMailing, saveMailing, sendMailingNow } from "~/modules/mailings/mailings.server";
import { resumeMailing } from "~/modules/mailings/pause.server";
import { listRecipients, mailingReport } from "~/modules/mailings/report.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { ImapServer } from "../support/imap-server";
import { mailFixture } from "../support/mail-fixtures";
import { seedContacts } from "../support/mailings";
import { SmtpSink, type ReceivedMail } from "../support/smtp-sink";

// Read once by the outbox when it writes the first message of this file.
vi.stubEnv("BOUNCE_DOMAIN", "bounces.daymark.test");

const noneYet = { queued: 0, deferred: 0, sent: 0, bounced: 0, complained: 0, unsubscribed: 0, suppressed: 0, failed: 0 };

function headerLines(mail: ReceivedMail): string[] {
  return mail.raw
    .split("\r\n\r\n")[0]!
    .replace(/\r\n(?=[ \t])/g, "")
    .split("\r\n");
}

describe.each(testDrivers())("the bounce mailbox over IMAP (%s)", (driver) => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let imap: ImapServer;
  let network: Awaited<ReturnType<typeof createNetwork>>;
  let organiserId: string;

  const dispatch = (mailingId: string) =>
    dispatchMailing(database.db, mailingId, {
      transport: createMailTransport(sink.url),
      appUrl: "https://daymark.test",
      bounceDomain: "bounces.daymark.test",
      pacer: new Pacer(database.db, "mailing", 1000),
      slots: new DomainSlots(5),
      timings: mailTimings(),
      retryDelaySeconds: 1,
    });
  const sendMailing = async (title: string) => {
    const id = await createMailing(database.db, network, organiserId, title);
    await saveMailing(database.db, network.id, id, {
      title,
      campaignId: null,
      pledgedCampaignId: null,
      countries: [],
      languages: [],
      tags: [],
      variants: [{ language: "en", subject: "News for {{partner.name}}", body: "Hello {{contact.name}}" }],
    });
    expect(await sendMailingNow(database.db, network, id, organiserId)).toEqual({ ok: true });
    return id;
  };
  /** The placeholders of a sample about the last message to `address`. */
  const about = (address: string, extra: Record<string, string> = {}) => {
    const mail = sink.messagesTo(address).at(-1)!;
    return {
      OUTBOX_ID: mail.envelopeFrom.match(/^bounces\+([0-9a-f-]{36})@/)![1]!,
      RECIPIENT: address,
      MESSAGE_ID: mail.parsed.messageId!.replace(/^<|>$/g, ""),
      ...extra,
    };
  };
  const contactRow = (email: string) =>
    database.db
      .selectFrom("partner_contacts")
      .select(["id", "subscribed", "suppressed_reason", "suppressed_detail"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    sink = await new SmtpSink().start();
    imap = await new ImapServer().start();
    network = await createNetwork(database.db, "bulk", "Bulk Network");
    organiserId = (await createUser(database.db, { email: "org@bulk.example.org", networkId: network.id, role: "organiser" })).id;
  });
  afterAll(async () => {
    await imap?.stop();
    await sink?.stop();
    await database?.drop();
  });

  test(
    "samples from Postfix, Exim, Exchange Online, Gmail and Yahoo are classified, the rules suppress, the report counts",
    { timeout: 120_000 },
    async () => {
      const { db } = database;
      const contacts = (await seedContacts(db, network.id, 8)).map((contact) => contact.email);
      const first = await sendMailing("December call");
      expect(await dispatch(first)).toBe("finished");

      // Every message names itself in its return path, and carries the list headers.
      const mail = sink.messagesTo(contacts[6]!)[0]!;
      const { OUTBOX_ID } = about(contacts[6]!);
      expect(mail.envelopeFrom).toBe(`bounces+${OUTBOX_ID}@bounces.daymark.test`);
      const lines = headerLines(mail);
      const unsubscribe = lines.find((line) => line.startsWith("List-Unsubscribe: "))!;
      const [, token] = unsubscribe.match(
        /^List-Unsubscribe: <mailto:bounces\+unsubscribe-([A-Za-z0-9_-]{43})@bounces\.daymark\.test\?subject=unsubscribe>, <https:\/\/daymark\.test\/unsubscribe\/\1\/one-click>$/,
      )!;
      expect(lines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      expect(lines).toContain("List-ID: <bulk.daymark.test>"); // nodemailer's spelling; header names are case-blind
      expect(lines).toContain(`Feedback-ID: ${first}:bulk:mailing:daymark`);

      await imap.append([
        mailFixture("postfix-user-unknown", about(contacts[0]!)),
        mailFixture("exchange-online-recipient-not-found", about(contacts[1]!)),
        mailFixture("gmail-over-quota", about(contacts[2]!, { REPORT_ID: "a1" })),
        mailFixture("exim-no-such-user", about(contacts[3]!)),
        mailFixture("exim-delayed", about(contacts[4]!)),
        mailFixture("yahoo-arf-complaint", { ...about(contacts[5]!), OUTBOX_ID: "", MAILING_ID: first }),
        mailFixture("mailto-unsubscribe", { RECIPIENT: contacts[6]!, TOKEN: token! }),
        "From: Someone <someone@partners.example.org>\r\nTo: bounces@bounces.daymark.test\r\nSubject: Re: News\r\nMessage-ID: <reply-1@partners.example.org>\r\n\r\nThanks!\r\n",
      ]);
      expect(await pollBounceMailbox(db, imap.url)).toEqual({
        read: 8,
        bounces: 4,
        delays: 1,
        complaints: 1,
        unsubscribes: 1,
        unknown: 1,
      });
      expect(await imap.flags()).toEqual(Array.from({ length: 8 }, () => ["\\Seen"]));
      expect(await pollBounceMailbox(db, imap.url)).toMatchObject({ read: 0 });

      expect((await mailingReport(db, first)).counts).toEqual({
        ...noneYet,
        sent: 1,
        deferred: 1,
        bounced: 4,
        complained: 1,
        unsubscribed: 1,
      });
      const bounced = await listRecipients(db, first, { status: "bounced" });
      expect(bounced.rows.map((row) => [row.email, row.bounce_class, row.dsn_status, row.diagnostic])).toEqual([
        [contacts[0], "hard", "5.1.1", `550 5.1.1 <${contacts[0]}>: Recipient address rejected: User unknown in virtual mailbox table`],
        [contacts[1], "hard", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"],
        [
          contacts[2],
          "soft",
          "5.2.2",
          "552-5.2.2 The recipient's inbox is out of storage space. Please direct the 552-5.2.2 recipient to 552 5.2.2 https://support.google.com/mail/?p=OverQuotaTemp",
        ],
        [contacts[3], "hard", "5.0.0", "550 No such user here"],
      ]);
      expect((await listRecipients(db, first, { search: contacts[4] })).rows).toMatchObject([
        { status: "deferred", dsn_status: "4.3.0", diagnostic: "451 4.3.0 Temporary system failure. Please try again later." },
      ]);
      expect((await messageHistory(db, about(contacts[0]!).OUTBOX_ID)).map((event) => event.kind)).toEqual([
        "queued",
        "handed",
        "delivered",
        "bounced",
        "suppressed",
      ]);

      // The rules: one hard bounce or a complaint suppresses; one soft bounce does not yet.
      expect((await contactRow(contacts[0]!)).suppressed_reason).toBe("hard_bounce");
      expect((await contactRow(contacts[0]!)).suppressed_detail).toBe(
        `5.1.1 550 5.1.1 <${contacts[0]}>: Recipient address rejected: User unknown in virtual mailbox table`,
      );
      expect((await contactRow(contacts[1]!)).suppressed_reason).toBe("hard_bounce");
      expect((await contactRow(contacts[2]!)).suppressed_reason).toBeNull();
      expect((await contactRow(contacts[3]!)).suppressed_reason).toBe("hard_bounce");
      expect((await contactRow(contacts[5]!)).suppressed_reason).toBe("complaint");
      expect((await contactRow(contacts[6]!)).subscribed).toBe(false);

      // The next mailings leave out suppressed and unsubscribed contacts; the third soft bounce suppresses.
      for (const [index, title] of ["January call", "February call"].entries()) {
        sink.messages.length = 0;
        const next = await sendMailing(title);
        expect(await dispatch(next)).toBe("finished");
        expect(sink.messages.map((received) => received.envelopeTo[0]).sort()).toEqual([contacts[2], contacts[4], contacts[7]]);
        await imap.append([mailFixture("gmail-over-quota", about(contacts[2]!, { REPORT_ID: `b${index}` }))]);
        expect(await pollBounceMailbox(db, imap.url)).toMatchObject({ read: 1, bounces: 1 });
        expect((await mailingReport(db, next)).counts).toEqual({ ...noneYet, sent: 2, bounced: 1 });
      }
      expect(await contactRow(contacts[2]!)).toMatchObject({ suppressed_reason: "soft_bounces" });

      // An organiser lifts a suppression: the contact receives the next mailing, and old bounces no longer count.
      expect(await liftSuppression(db, network.id, (await contactRow(contacts[0]!)).id, organiserId)).toBe(true);
      const lateBounce = mailFixture("postfix-user-unknown", about(contacts[7]!));
      sink.messages.length = 0;
      const after = await sendMailing("March call");
      // Suppressed after the list was fixed and before their turn: skipped at send.
      await imap.append([lateBounce]);
      expect(await pollBounceMailbox(db, imap.url)).toMatchObject({ read: 1, bounces: 1 });
      expect(await dispatch(after)).toBe("finished");
      expect(sink.messages.map((received) => received.envelopeTo[0]).sort()).toEqual([contacts[0], contacts[4]]);
      expect((await mailingReport(db, after)).counts).toEqual({ ...noneYet, sent: 2, suppressed: 1 });
      expect(await contactRow(contacts[0]!)).toMatchObject({ suppressed_reason: null });
    },
  );

  test("one-off messages have their log too: delivered, then a bounce read from the mailbox", async () => {
    const { db } = database;
    const outboxId = await queueEmail(db, {
      kind: "network-invitation",
      to: "new.member@partners.example.net",
      locale: "en",
      networkId: network.id,
      params: {
        networkName: "Bulk Network",
        inviterName: "Org",
        roleLabel: "organiser",
        acceptUrl: "https://daymark.test/x",
        validDays: 7,
      },
    });
    sink.messages.length = 0;
    expect(
      await deliverOutboxMessage(db, outboxId, createMailTransport(sink.url), {
        finalAttempt: false,
        timings: mailTimings(),
        slots: new DomainSlots(5),
      }),
    ).toBe("sent");
    expect(sink.messages[0]!.envelopeFrom).toBe(`bounces+${outboxId}@bounces.daymark.test`);
    await imap.append([mailFixture("postfix-user-unknown", about("new.member@partners.example.net"))]);
    expect(await pollBounceMailbox(db, imap.url)).toMatchObject({ read: 1, bounces: 1 });
    const [message] = await listOneOffMessages(db, network.id, { search: "new.member" });
    expect(message).toMatchObject({
      to_address: "new.member@partners.example.net",
      subject: "You are invited to join Bulk Network on Daymark",
      last_kind: "bounced",
      answer: "5.1.1 550 5.1.1 <new.member@partners.example.net>: Recipient address rejected: User unknown in virtual mailbox table",
    });
    expect(message!.history.map((event) => event.kind)).toEqual(["queued", "handed", "delivered", "bounced"]);
  });

  test(
    "a mailing whose first messages bounce hard pauses itself, tells its sender, and resumes on request",
    { timeout: 120_000 },
    async () => {
      const { db } = database;
      const paused = await createNetwork(db, "paused", "Paused Network");
      const sender = await createUser(db, { email: "sender@paused.example.org", networkId: paused.id, role: "organiser" });
      await seedContacts(db, paused.id, 40);
      const id = await createMailing(db, paused, sender.id, "Old list");
      await saveMailing(db, paused.id, id, {
        title: "Old list",
        campaignId: null,
        pledgedCampaignId: null,
        countries: [],
        languages: [],
        tags: [],
        variants: [{ language: "en", subject: "Hello", body: "Hello {{contact.name}}" }],
      });
      await sendMailingNow(db, paused, id, sender.id);
      sink.messages.length = 0;
      // 26 of the first 500 (more than 5%) refused for good at send time.
      sink.refuseNext(26, 550);
      expect(await dispatch(id)).toBe("paused");
      expect(sink.messages).toHaveLength(0);
      expect(await db.selectFrom("mailings").select(["status", "paused_reason"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({
        status: "paused",
        paused_reason: "hard_bounces",
      });
      expect((await mailingReport(db, id)).counts).toEqual({ ...noneYet, bounced: 26, queued: 14 });
      const notice = await db
        .selectFrom("email_outbox")
        .select(["to_address", "subject", "text_body"])
        .where("kind", "=", "mailing-paused")
        .execute();
      expect(notice).toHaveLength(1);
      expect(notice[0]).toMatchObject({ to_address: "sender@paused.example.org", subject: "Your mailing “Old list” paused itself" });
      expect(notice[0]!.text_body).toContain("26 of its first messages bounced for good");
      expect(notice[0]!.text_body).toContain(`/n/paused/mailings/${id}/report`);

      expect(await resumeMailing(db, paused.id, id, sender.id)).toBe(true);
      expect(await dispatch(id)).toBe("finished");
      expect(sink.messages).toHaveLength(14);
      expect((await mailingReport(db, id)).counts).toEqual({ ...noneYet, bounced: 26, sent: 14 });
    },
  );
});
