import { PGlite } from "@electric-sql/pglite";
import { DateTime } from "luxon";
import nodemailer from "nodemailer";
import { openDatabase } from "~db/connection";
import { migrateToLatest } from "~db/migrate";
import { typeParsers } from "~db/type-parsers";
import { ensureJobSchema } from "~/jobs/runner.server";
import { DomainSlots, Pacer } from "~/modules/mail/pacing";
import { mailTimings } from "~/modules/mail/timing";
import { createMailTransport } from "~/modules/mail/transport.server";
import { dispatchMailing } from "~/modules/mailings/dispatch.server";
import { createMailing, saveMailing, sendMailingNow } from "~/modules/mailings/mailings.server";
import { seedContacts, variants } from "../../tests/support/mailings";
import { SmtpSink } from "../../tests/support/smtp-sink";
import { benchResult, type BenchSuite } from "../lib/result";

const MESSAGES = 1000;

/**
 * Mailing delivery: messages per second from "send now" until the last one
 * is accepted by a local SMTP sink, through the outbox and the dispatcher on
 * an embedded database, against nodemailer sending the same messages straight
 * to the same sink (pooled, one at a time, as the dispatcher does). The
 * dispatcher writes, claims and records every message in the database, so it
 * is expected to reach a fraction of the direct rate.
 */
export const mailingsSuite: BenchSuite = {
  name: "mailings",
  async run() {
    const sink = await new SmtpSink().start();
    const handle = await openDatabase({ pglite: new PGlite({ parsers: typeParsers }) });
    try {
      await migrateToLatest(handle.db);
      await ensureJobSchema(handle, { emailRetryLimit: 2, emailRetryDelaySeconds: 1 });
      const db = handle.db;
      const network = await db
        .insertInto("networks")
        .values({ slug: "bench", name: "Bench", default_locale: "en", time_zone: "Europe/Brussels" })
        .returningAll()
        .executeTakeFirstOrThrow();
      // The campaign day is tomorrow in the network's zone, whenever the bench runs.
      const tomorrow = DateTime.now().setZone(network.time_zone).plus({ days: 1 }).toISODate()!;
      await db.insertInto("campaigns").values({ network_id: network.id, slug: "c", title: "Campaign", starts_on: tomorrow }).execute();
      const campaign = await db.selectFrom("campaigns").select("id").executeTakeFirstOrThrow();
      await seedContacts(db, network.id, MESSAGES);
      const mailingId = await createMailing(db, network, null, "Bench");
      await saveMailing(db, network.id, mailingId, {
        title: "Bench",
        campaignId: campaign.id,
        countries: [],
        languages: [],
        tags: [],
        pledgedCampaignId: null,
        variants,
      });

      const transport = createMailTransport(sink.url);
      const started = performance.now();
      await sendMailingNow(db, network, mailingId, null);
      const outcome = await dispatchMailing(db, mailingId, {
        transport,
        appUrl: "https://daymark.test",
        pacer: new Pacer(db, "mailing", 1000),
        slots: new DomainSlots(5),
        timings: { ...mailTimings(), sliceSeconds: 3600 },
        retryDelaySeconds: 1,
      });
      const dispatcherSeconds = (performance.now() - started) / 1000;
      transport.close();
      if (outcome !== "finished" || sink.messages.length !== MESSAGES) {
        throw new Error(`dispatcher ended ${outcome} with ${sink.messages.length} of ${MESSAGES} messages`);
      }

      // The baseline sends the very messages the dispatcher rendered.
      const messages = await db.selectFrom("email_outbox").selectAll().where("kind", "=", "mailing").execute();
      sink.messages.length = 0;
      const direct = nodemailer.createTransport(`${sink.url}?pool=true`);
      const directStarted = performance.now();
      for (const message of messages) {
        await direct.sendMail({
          from: message.from_address,
          to: message.to_address,
          subject: message.subject,
          text: message.text_body,
          html: message.html_body,
          headers: message.headers,
        });
      }
      const directSeconds = (performance.now() - directStarted) / 1000;
      direct.close();

      return [
        benchResult({
          name: `mailing of ${MESSAGES} through the outbox vs nodemailer direct`,
          unit: "messages/s",
          value: MESSAGES / dispatcherSeconds,
          baseline: messages.length / directSeconds,
          target: 0.25,
          better: "higher",
        }),
      ];
    } finally {
      await handle.close();
      await sink.stop();
    }
  },
};
