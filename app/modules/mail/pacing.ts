import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces one kind of mail (`lane`) to at most `ratePerSecond` (0: as fast as
 * the mail server answers), for every sender in every worker together: each
 * turn moves the lane's next slot on in one statement, on the database's
 * clock, and waits for the slot it took.
 */
export class Pacer {
  readonly #intervalSeconds: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly lane: "transactional" | "mailing",
    ratePerSecond: number,
  ) {
    this.#intervalSeconds = ratePerSecond > 0 ? 1 / ratePerSecond : 0;
  }

  /** Waits for this caller's turn. */
  async turn(): Promise<void> {
    if (this.#intervalSeconds === 0) return;
    const interval = sql`make_interval(secs => ${this.#intervalSeconds})`;
    const { rows } = await sql<{ wait_ms: number }>`
      insert into mail_pace (lane, next_at) values (${this.lane}, clock_timestamp() + ${interval})
      on conflict (lane) do update set next_at = greatest(mail_pace.next_at, clock_timestamp()) + ${interval}
      returning (extract(epoch from (next_at - ${interval} - clock_timestamp())) * 1000)::float8 as wait_ms`.execute(this.db);
    const waitMs = rows[0]!.wait_ms;
    if (waitMs > 0) await sleep(waitMs);
  }
}

/**
 * At most `limit` conversations at a time with each recipient domain: big
 * providers throttle or defer a sender that opens many at once.
 */
export class DomainSlots {
  readonly #busy = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(readonly limit: number) {}

  async run<T>(address: string, work: () => Promise<T>): Promise<T> {
    const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
    while ((this.#busy.get(domain) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const queue = this.#waiting.get(domain) ?? [];
        queue.push(resolve);
        this.#waiting.set(domain, queue);
      });
    }
    this.#busy.set(domain, (this.#busy.get(domain) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (this.#busy.get(domain) ?? 1) - 1;
      if (left === 0) this.#busy.delete(domain);
      else this.#busy.set(domain, left);
      const queue = this.#waiting.get(domain);
      const next = queue?.shift();
      if (queue && queue.length === 0) this.#waiting.delete(domain);
      next?.();
    }
  }
}
