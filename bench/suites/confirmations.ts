// The confirmations of a burst of 500 registrations, delivered by the job
// runner at the default settings (batch size, pacing, domain concurrency,
// poll interval), against nodemailer sending the same messages straight to
// the same SMTP sink over its default pool. PostgreSQL when BENCH_DATABASE_URL
// (or TEST_DATABASE_URL) is set, else embedded PGlite.
import nodemailer from "nodemailer";
import { SmtpSink } from "../../tests/support/smtp-sink";
import { benchResult, type BenchSuite } from "../lib/result";
import { newEvent, openBenchDatabase, ratePerSecond } from "./registrations";

const burst = 500;
/** Each delivery also claims and records its outbox row and its job: half nodemailer's bare rate. */
const target = 0.5;

async function waitUntil(done: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const confirmationsSuite: BenchSuite = {
  name: "confirmations",
  async run() {
    const { migrateToLatest } = await import("~db/migrate");
    const { ensureJobSchema, jobRunnerOptionsFromEnv, startJobRunner } = await import("~/jobs/runner.server");
    const { registerAttendee } = await import("~/modules/registrations/registrations.server");
    const { parseEnv } = await import("~/utils/env.server");
    const { handle, drop } = await openBenchDatabase();
    const sink = await new SmtpSink().start();
    try {
      const db = handle.db;
      await migrateToLatest(db);
      // The defaults are what is measured: only the secret and the sink are given.
      const defaults = parseEnv({ SESSION_SECRET: process.env.SESSION_SECRET, SMTP_URL: sink.url });
      await ensureJobSchema(handle, defaults);
      const network = await db
        .insertInto("networks")
        .values({ slug: "bench", name: "Bench", default_locale: "en", time_zone: "Europe/Amsterdam" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const eventId = await newEvent(db, network.id);
      await db.updateTable("events").set({ capacity: burst }).where("id", "=", eventId).execute();
      await ratePerSecond(burst, 50, (i) =>
        registerAttendee(db, {
          networkId: network.id,
          eventId,
          name: `Bench ${i}`,
          email: `bench${i}@example.org`,
          locale: "en",
          answers: {},
        }),
      );

      const runner = await startJobRunner(handle, { ...jobRunnerOptionsFromEnv(defaults), schedule: false });
      const started = performance.now();
      await waitUntil(() => sink.messages.length >= burst, 600_000);
      const seconds = (performance.now() - started) / 1000;
      await runner.stop();
      if (sink.messages.length !== burst) throw new Error(`${sink.messages.length} confirmations for ${burst} registrations`);

      // The baseline sends the very messages the runner delivered.
      const messages = await db.selectFrom("email_outbox").selectAll().execute();
      sink.messages.length = 0;
      const direct = nodemailer.createTransport(`${sink.url}?pool=true`);
      const directStarted = performance.now();
      await Promise.all(
        messages.map((message) =>
          direct.sendMail({
            from: message.from_address,
            to: message.to_address,
            subject: message.subject,
            text: message.text_body,
            html: message.html_body,
            headers: message.headers,
            attachments: message.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: Buffer.from(a.contentBase64, "base64"),
            })),
          }),
        ),
      );
      const directSeconds = (performance.now() - directStarted) / 1000;
      direct.close();
      return [
        benchResult({
          name: `confirmations of a ${burst}-registration burst delivered, at default settings (${handle.driver})`,
          unit: "messages/s",
          value: burst / seconds,
          baseline: messages.length / directSeconds,
          target,
          better: "higher",
        }),
      ];
    } finally {
      await sink.stop();
      await drop();
    }
  },
};
