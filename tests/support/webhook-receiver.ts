import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local webhook receiver on a random port: records every request, answers
 * each path with the status its plan gives (a list is used up one answer per
 * request, then its last one stays), and can leave requests hanging, as a
 * receiver that took the body and never answered.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The requests it answered (not those it left hanging). */
  readonly answered: ReceivedWebhook[] = [];
  readonly hanging: ServerResponse[] = [];
  private server: Server | undefined;
  private plans = new Map<string, number[]>();
  private stalled = new Set<string>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const path = req.url ?? "/";
        const request = { path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        this.received.push(request);
        if (this.stalled.has(path)) {
          this.hanging.push(res);
          return;
        }
        const plan = this.plans.get(path) ?? [200];
        const status = plan.length > 1 ? plan.shift()! : plan[0]!;
        this.answered.push(request);
        res.writeHead(status, { "Content-Type": "text/plain" }).end(status < 300 ? "ok" : "no");
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }

  answer(path: string, statuses: number[]) {
    this.plans.set(path, [...statuses]);
  }

  stall(path: string) {
    this.stalled.add(path);
  }

  unstall(path: string) {
    this.stalled.delete(path);
  }

  to(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  async stop() {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
