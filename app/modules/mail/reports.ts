/**
 * Reads what arrives in the bounce mailbox: RFC 3464 delivery status
 * notifications, the plain-text bounces of servers that send none (Exim,
 * qmail), RFC 5965 (ARF) spam complaints, and messages to the mailto:
 * unsubscribe address. Pure: the mailbox poller decides what each means for
 * the log. A small MIME reader of its own, because general parsers fold
 * message/delivery-status and inline message/rfc822 parts into the text.
 */

export type BounceClass = "hard" | "soft";

/** Which message a report is about: the VERP id of its return path, or the original's Message-ID. */
export interface ReportSubject {
  outboxId: string | null;
  originalMessageId: string | null;
  recipient: string | null;
}

export type MailReport =
  | ({ kind: "bounce"; bounceClass: BounceClass; dsnStatus: string | null; diagnostic: string | null } & ReportSubject)
  | ({ kind: "delay"; dsnStatus: string | null; diagnostic: string | null } & ReportSubject)
  | ({ kind: "complaint"; feedbackType: string } & ReportSubject)
  | { kind: "unsubscribe"; token: string }
  | { kind: "other" };

interface MimePart {
  headers: Map<string, string[]>;
  type: string;
  params: Record<string, string>;
  body: string;
  parts: MimePart[];
}

/** Unfolded header fields by lower-case name, every occurrence kept. */
function parseFields(block: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of block
    .replace(/\r\n/g, "\n")
    .replace(/\n[ \t]+/g, " ")
    .split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return fields;
}

const first = (fields: Map<string, string[]>, name: string) => fields.get(name)?.[0];

function parseContentType(value: string | undefined) {
  const [type = "text/plain", ...rest] = (value ?? "text/plain").split(";");
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf("=");
    if (eq > 0)
      params[param.slice(0, eq).trim().toLowerCase()] = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, "$1");
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    case "quoted-printable":
      return Buffer.from(
        body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        "latin1",
      ).toString("utf8");
    default:
      return body;
  }
}

function parsePart(raw: string): MimePart {
  const text = raw.replace(/\r\n/g, "\n");
  const split = text.indexOf("\n\n");
  const headers = parseFields(split < 0 ? text : text.slice(0, split));
  const rawBody = split < 0 ? "" : text.slice(split + 2);
  const { type, params } = parseContentType(first(headers, "content-type"));
  const part: MimePart = { headers, type, params, body: decodeBody(rawBody, first(headers, "content-transfer-encoding")), parts: [] };
  if (type.startsWith("multipart/") && params.boundary) {
    const delimiter = `--${params.boundary}`;
    const sections = rawBody.split(new RegExp(`^${delimiter.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*$`, "m"));
    // The preamble before the first delimiter and the epilogue after the last are not parts.
    part.parts = sections
      .slice(1, -1)
      .map((section) => section.replace(/^\n/, ""))
      .map(parsePart);
  }
  return part;
}

function allParts(part: MimePart): MimePart[] {
  return [part, ...part.parts.flatMap(allParts)];
}

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const verpPattern = new RegExp(`bounces\\+(${uuid})@`, "i");
const unsubscribePattern = /bounces\+unsubscribe-([A-Za-z0-9_-]{43})@/;

function messageIdOf(value: string | undefined): string | null {
  return value?.match(/<([^<>\s]+)>/)?.[1] ?? value?.trim() ?? null;
}

/** Hard: the address is wrong or refuses for good. Soft: it may accept later (full, too big, policy, routing). */
export function classifyBounce(dsnStatus: string | null, diagnostic: string | null): BounceClass {
  const text = diagnostic?.toLowerCase() ?? "";
  if (/over ?quota|quota exceeded|mailbox (is )?full|out of storage|insufficient (system )?storage/.test(text)) return "soft";
  if (
    /user unknown|unknown user|no such (user|mailbox|recipient)|does not exist|recipient not found|address rejected|invalid recipient/.test(
      text,
    )
  ) {
    return "hard";
  }
  if (!dsnStatus || dsnStatus.startsWith("4.")) return "soft";
  const [, subject, detail] = dsnStatus.split(".");
  if (subject === "1") return "hard";
  if (subject === "2") return detail === "1" ? "hard" : "soft";
  if (subject === "3" || subject === "4" || subject === "7") return "soft";
  return "hard";
}

/** The RFC 3464 fields of one recipient: per-recipient blocks follow the per-message block. */
function deliveryStatus(part: MimePart) {
  const blocks = part.body
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map(parseFields);
  const message = blocks[0] ?? new Map<string, string[]>();
  const recipient = blocks.slice(1).find((block) => block.has("action") || block.has("status"));
  if (!recipient) return undefined;
  const diagnostic = first(recipient, "diagnostic-code")?.replace(/^[a-z-]+;\s*/i, "") ?? null;
  return {
    action: first(recipient, "action")?.toLowerCase() ?? "",
    status: first(recipient, "status")?.match(/[245]\.\d{1,3}\.\d{1,3}/)?.[0] ?? null,
    diagnostic,
    recipient: first(recipient, "final-recipient")?.replace(/^[a-z0-9-]+;\s*/i, "") ?? null,
    originalMessageId: messageIdOf(first(message, "x-original-message-id")),
  };
}

function originalMessageIdIn(parts: MimePart[], report: MimePart): string | null {
  for (const part of parts) {
    if (part.type === "message/rfc822" || part.type === "text/rfc822-headers") {
      const id = messageIdOf(first(parseFields(part.body.split(/\n\s*\n/)[0] ?? ""), "message-id"));
      if (id) return id;
    }
  }
  return messageIdOf(first(report.headers, "in-reply-to"));
}

function subjectOf(raw: string, parts: MimePart[], report: MimePart, recipient: string | null): ReportSubject {
  const decoded = parts.map((part) => part.body).join("\n");
  const verp = raw.match(verpPattern) ?? decoded.match(verpPattern);
  return { outboxId: verp?.[1]?.toLowerCase() ?? null, originalMessageId: originalMessageIdIn(parts, report), recipient };
}

/** Servers that send no DSN still say who they are and what failed. */
function looksLikeBounce(message: MimePart): boolean {
  const from = first(message.headers, "from") ?? "";
  const subject = first(message.headers, "subject") ?? "";
  return (
    message.headers.has("x-failed-recipients") ||
    /mailer-daemon|postmaster|mail delivery/i.test(from) ||
    /undeliver|returned mail|delivery (status notification|failure|failed|has failed)|failure notice|mail delivery failed/i.test(subject)
  );
}

function plainTextBounce(raw: string, message: MimePart): MailReport {
  const parts = allParts(message);
  const text = parts
    .filter((part) => part.type === "text/plain")
    .map((part) => part.body)
    .join("\n");
  // Only the server's own words: the copy of our message that follows may quote anything.
  const [own = text, , copy] = text.split(/^-{3,}.*(copy of the message|original message|returned message).*$/im);
  const recipient = first(message.headers, "x-failed-recipients")?.split(",")[0]?.trim() ?? null;
  const subject = subjectOf(raw, parts, message, recipient);
  if (copy) subject.originalMessageId ??= messageIdOf(first(parseFields(copy.trim().split(/\n\s*\n/)[0] ?? ""), "message-id"));
  const codeLine = own.split("\n").find((line) => /\b[245]\d\d[ -]/.test(line) || /\b[45]\.\d{1,3}\.\d{1,3}\b/.test(line));
  const diagnostic =
    codeLine
      ?.trim()
      .replace(/^delay reason:\s*/i, "")
      .slice(0, 500) ?? null;
  const enhanced = codeLine?.match(/\b([45]\.\d{1,3}\.\d{1,3})\b/)?.[1];
  const reply = codeLine?.match(/\b([45])\d\d[ -]/)?.[1];
  const dsnStatus = enhanced ?? (reply ? `${reply}.0.0` : /permanent error/i.test(own) ? "5.0.0" : null);
  const delayed =
    /delayed|not yet been delivered|delivery (status notification \(delay\)|delayed)/i.test(first(message.headers, "subject") ?? "") ||
    /has not yet been delivered/i.test(own);
  if (delayed) return { kind: "delay", dsnStatus, diagnostic, ...subject };
  if (!dsnStatus) return { kind: "other" };
  return { kind: "bounce", bounceClass: classifyBounce(dsnStatus, diagnostic), dsnStatus, diagnostic, ...subject };
}

/** What one message in the bounce mailbox says, and the Message-ID that names the report itself. */
export function readMailReport(raw: string): { reportId: string | null; report: MailReport } {
  const message = parsePart(raw);
  const reportId = messageIdOf(first(message.headers, "message-id"));
  const parts = allParts(message);
  const reportType = message.type === "multipart/report" ? message.params["report-type"]?.toLowerCase() : undefined;

  if (reportType === "feedback-report") {
    const feedback = parts.find((part) => part.type === "message/feedback-report");
    const fields = parseFields(feedback?.body ?? "");
    const recipient = first(fields, "original-rcpt-to") ?? null;
    return {
      reportId,
      report: {
        kind: "complaint",
        feedbackType: first(fields, "feedback-type")?.toLowerCase() ?? "abuse",
        ...subjectOf(raw, parts, message, recipient),
      },
    };
  }
  if (reportType === "delivery-status") {
    const statusPart = parts.find((part) => part.type === "message/delivery-status" || part.type === "message/global-delivery-status");
    const status = statusPart ? deliveryStatus(statusPart) : undefined;
    if (status) {
      const subject = subjectOf(raw, parts, message, status.recipient);
      subject.originalMessageId ??= status.originalMessageId;
      if (status.action === "delayed")
        return { reportId, report: { kind: "delay", dsnStatus: status.status, diagnostic: status.diagnostic, ...subject } };
      if (status.action !== "failed") return { reportId, report: { kind: "other" } };
      return {
        reportId,
        report: {
          kind: "bounce",
          bounceClass: classifyBounce(status.status, status.diagnostic),
          dsnStatus: status.status,
          diagnostic: status.diagnostic,
          ...subject,
        },
      };
    }
  }
  const addressedTo = ["delivered-to", "x-original-to", "to", "envelope-to"].flatMap((name) => message.headers.get(name) ?? []).join(" ");
  const unsubscribe = addressedTo.match(unsubscribePattern);
  if (unsubscribe && !looksLikeBounce(message)) return { reportId, report: { kind: "unsubscribe", token: unsubscribe[1]! } };
  if (looksLikeBounce(message)) return { reportId, report: plainTextBounce(raw, message) };
  return { reportId, report: { kind: "other" } };
}
