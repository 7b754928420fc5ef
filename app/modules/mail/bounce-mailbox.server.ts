import { ImapFlow } from "imapflow";
import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { unsubscribeByToken } from "~/modules/mailings/unsubscribe.server";
import { recordBounce, recordComplaint } from "./bounces.server";
import { logMailEvents } from "./log.server";
import { readMailReport, type ReportSubject } from "./reports";

export interface MailboxPollResult {
  read: number;
  bounces: number;
  delays: number;
  complaints: number;
  unsubscribes: number;
  /** Reports about no message of ours, and other mail: left read in the mailbox for a person to look at. */
  unknown: number;
}

/** BOUNCE_IMAP_URL: imap(s)://user:password@host:port/Mailbox (INBOX when no path). */
export function imapOptions(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === "imaps:";
  return {
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\/+/, "")) || "INBOX",
    connection: {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
      secure,
      // Credentials never cross the network in clear: imap:// must upgrade, except to this machine.
      doSTARTTLS: secure ? undefined : !["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname),
      auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
      logger: false as const,
    },
  };
}

/** The outbox message a report is about: by its VERP id, else by the Message-ID the copy carries. */
async function messageOf(db: Kysely<Database>, subject: ReportSubject): Promise<string | null> {
  const byId = subject.outboxId
    ? await db.selectFrom("email_outbox").select("id").where("id", "=", subject.outboxId).executeTakeFirst()
    : undefined;
  if (byId) return byId.id;
  if (!subject.originalMessageId) return null;
  const byMessageId = await db
    .selectFrom("email_outbox")
    .select("id")
    .where("message_id", "in", [subject.originalMessageId, `<${subject.originalMessageId}>`])
    .executeTakeFirst();
  return byMessageId?.id ?? null;
}

/**
 * Reads one report and records what it says. Returns what it was, so the
 * poller can count. A report read twice (same Message-ID) changes nothing.
 */
export async function handleMailReport(db: Kysely<Database>, raw: string, fallbackReportId: string) {
  const { reportId, report } = readMailReport(raw);
  const id = reportId ?? fallbackReportId;
  if (report.kind === "unsubscribe") return (await unsubscribeByToken(db, report.token)) ? "unsubscribes" : "unknown";
  if (report.kind === "other") return "unknown";
  const outboxId = await messageOf(db, report);
  if (!outboxId) return "unknown";
  if (report.kind === "bounce") {
    await recordBounce(db, {
      outboxId,
      bounceClass: report.bounceClass,
      dsnStatus: report.dsnStatus,
      diagnostic: report.diagnostic,
      reportId: id,
    });
    return "bounces";
  }
  if (report.kind === "delay") {
    await logMailEvents(db, [
      { outbox_id: outboxId, kind: "deferred", dsn_status: report.dsnStatus, diagnostic: report.diagnostic, report_id: id },
    ]);
    return "delays";
  }
  await recordComplaint(db, { outboxId, feedbackType: report.feedbackType, reportId: id });
  return "complaints";
}

/**
 * Polls the bounce mailbox: every unread message is read, recorded and
 * marked read (\Seen), so the next poll starts after it. Nothing is deleted:
 * the mailbox's own retention decides how long reports stay.
 */
export async function pollBounceMailbox(db: Kysely<Database>, imapUrl: string): Promise<MailboxPollResult> {
  const { mailbox, connection } = imapOptions(imapUrl);
  const client = new ImapFlow(connection);
  const result: MailboxPollResult = { read: 0, bounces: 0, delays: 0, complaints: 0, unsubscribes: 0, unknown: 0 };
  await client.connect();
  try {
    const lock = await client.getMailboxLock(mailbox);
    try {
      const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : "0";
      const unread = (await client.search({ seen: false }, { uid: true })) || [];
      for (const uid of unread) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        const outcome = await handleMailReport(db, message.source.toString("utf8"), `imap:${uidValidity}:${uid}`);
        result[outcome] += 1;
        result.read += 1;
        await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
  return result;
}
