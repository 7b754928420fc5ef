import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import type { OutboxMessage } from "~db/types";
import { mailTimings } from "./timing";

export interface SentMessage {
  messageId: string;
  /** The message as it would travel, kept when mail is captured instead of sent. */
  rawMime: string | null;
  /** The server's acceptance ("250 2.0.0 Ok: queued as …"); null when captured. */
  response: string | null;
}

export interface MailTransport {
  /** "capture" keeps messages in the outbox for the dev mailbox; "smtp" delivers them. */
  readonly mode: "smtp" | "capture";
  send(message: OutboxMessage): Promise<SentMessage>;
  close(): void;
}

function toNodemailer(message: OutboxMessage): Mail.Options {
  return {
    from: message.from_address,
    to: message.to_address,
    subject: message.subject,
    text: message.text_body,
    html: message.html_body,
    headers: message.headers,
    // The VERP return path; bounces go there rather than to MAIL_FROM.
    ...(message.return_path ? { envelope: { from: message.return_path, to: message.to_address } } : {}),
    attachments: message.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.contentBase64, "base64"),
    })),
  };
}

/**
 * SMTP when SMTP_URL is set; otherwise every message is captured, raw MIME and all.
 * `socketTimeoutMs` comes from the mail timings (see timing.ts).
 */
export function createMailTransport(smtpUrl: string | undefined, socketTimeoutMs = mailTimings().socketTimeoutMs): MailTransport {
  if (!smtpUrl) {
    const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
    return {
      mode: "capture",
      async send(message) {
        const info = await composer.sendMail(toNodemailer(message));
        return { messageId: info.messageId, rawMime: (info.message as Buffer).toString("utf8"), response: null };
      },
      close: () => composer.close(),
    };
  }
  // Pooled: a mailing to thousands reuses a few connections instead of opening one per message.
  const pooled = new URL(smtpUrl);
  pooled.searchParams.set("pool", "true");
  const smtp = nodemailer.createTransport({
    url: pooled.toString(),
    connectionTimeout: socketTimeoutMs,
    greetingTimeout: socketTimeoutMs,
    socketTimeout: socketTimeoutMs,
  });
  return {
    mode: "smtp",
    async send(message) {
      const info = await smtp.sendMail(toNodemailer(message));
      return { messageId: info.messageId, rawMime: null, response: typeof info.response === "string" ? info.response : null };
    },
    close: () => smtp.close(),
  };
}

/**
 * A 5xx SMTP reply is final (unknown mailbox, rejected content); anything else
 * (4xx replies, refused or dropped connections, time-outs) may pass later.
 */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
