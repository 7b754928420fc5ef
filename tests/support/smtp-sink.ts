import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelopeTo: string[];
  /** When the message's data had arrived (performance.now()). */
  receivedAt: number;
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a free local port that keeps what it receives. It can
 * answer the next deliveries with a temporary (4xx) or permanent (5xx) refusal.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Messages to stalled addresses that arrived and were never answered. */
  readonly stalledMessages: ReceivedMail[] = [];
  #stalled = new Set<string>();
  #refusals: number[] = [];
  #waiters = new Set<() => void>();
  #server: SMTPServer;
  port = 0;

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", async () => {
          const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
          if (envelopeTo.some((address) => this.#stalled.has(address))) {
            // Never answered, like a server that hangs after the data: the sender is left waiting.
            const raw = Buffer.concat(chunks).toString("utf8");
            this.stalledMessages.push({ envelopeTo, receivedAt: performance.now(), raw, parsed: await simpleParser(raw) });
            for (const wake of this.#waiters) wake();
            return;
          }
          const refusal = this.#refusals.shift();
          if (refusal) {
            const error = Object.assign(new Error(refusal >= 500 ? "Mailbox unavailable" : "Try again later"), {
              responseCode: refusal,
            });
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          const receivedAt = performance.now();
          this.messages.push({
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            receivedAt,
            raw,
            parsed: await simpleParser(raw),
          });
          callback();
          for (const wake of this.#waiters) wake();
        });
      },
    });
    // A sender killed mid-conversation (the kill -9 tests do it) resets its
    // connection: the server reports it as an error event, which is expected here.
    this.#server.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNRESET") throw error;
    });
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.port = (this.#server.server.address() as AddressInfo).port;
    return this;
  }

  /** The next `count` messages are refused with this SMTP code. */
  refuseNext(count: number, code: number) {
    for (let i = 0; i < count; i++) this.#refusals.push(code);
  }

  /** Messages to `address` are received but never answered, until `unstall`. */
  stall(address: string) {
    this.#stalled.add(address);
  }

  unstall(address: string) {
    this.#stalled.delete(address);
  }

  messagesTo(address: string): ReceivedMail[] {
    return this.messages.filter((message) => message.envelopeTo.includes(address));
  }

  /** Waits until a message matches, or fails after `timeoutMs`. */
  async waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs = 20_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`No matching mail within ${timeoutMs} ms (received ${this.messages.length})`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(remaining, 250));
        this.#waiters.add(wake);
      });
    }
  }

  async stop() {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
