const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces sends to at most `ratePerSecond` (0: as fast as the mail server
 * answers). Callers share one pacer per kind of mail, so the setting holds
 * for every sender of that kind in the process, however many run at once.
 */
export class Pacer {
  #nextAt = 0;
  readonly #intervalMs: number;

  constructor(ratePerSecond: number) {
    this.#intervalMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }

  /** Waits for this caller's turn. */
  async turn(): Promise<void> {
    if (this.#intervalMs === 0) return;
    const now = Date.now();
    const at = Math.max(this.#nextAt, now);
    this.#nextAt = at + this.#intervalMs;
    if (at > now) await sleep(at - now);
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
