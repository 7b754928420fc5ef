import type { FeedRepresentation } from "./http.server";

export interface CacheEntry {
  representation: FeedRepresentation;
  /** When time alone changes the content (ms since epoch); Infinity when only edits do. */
  expiresAt: number;
  tokenId?: string;
}

const MAX_ENTRIES = 2_000;

/**
 * Built feeds of this process, dropped per network when a change is notified.
 * A build that started before a notification for its network is not kept
 * (its read may predate the change): builds take a ticket first, and `store`
 * refuses tickets older than the network's last invalidation.
 */
export class FeedCache {
  #entries = new Map<string, CacheEntry>();
  #ticket = 0;
  #invalidatedAt = new Map<string, number>();
  #clearedAt = 0;
  #lastInvalidation = 0;

  get(key: string, now: number): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  ticket(): number {
    return ++this.#ticket;
  }

  store(key: string, entry: CacheEntry, ticket: number): boolean {
    const networkId = entry.representation.networkId;
    if (ticket <= this.#clearedAt || ticket <= (this.#invalidatedAt.get(networkId) ?? 0)) return false;
    if (this.#entries.size >= MAX_ENTRIES) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, entry);
    return true;
  }

  invalidateNetwork(networkId: string) {
    this.#lastInvalidation = ++this.#ticket;
    this.#invalidatedAt.set(networkId, this.#lastInvalidation);
    for (const [key, entry] of this.#entries) {
      if (entry.representation.networkId === networkId) this.#entries.delete(key);
    }
  }

  clear() {
    this.#clearedAt = this.#lastInvalidation = ++this.#ticket;
    this.#entries.clear();
  }

  /** Whether nothing at all was invalidated since the ticket: a build in flight may then be joined. */
  unchangedSince(ticket: number): boolean {
    return ticket > this.#lastInvalidation;
  }

  get size() {
    return this.#entries.size;
  }
}
