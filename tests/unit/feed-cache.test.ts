import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { FeedCache, type CacheEntry } from "~/modules/feeds/cache.server";
import { chooseCoding, isNotModified, newRepresentation } from "~/modules/feeds/http.server";
import { testYear } from "../support/calendar";

/** When the feed last changed, with milliseconds; HTTP dates name it, and the second before, in whole seconds. */
const lastModified = DateTime.fromISO(`${testYear}-11-21T10:00:00.750Z`, { zone: "utc" });
const [httpDate, secondBefore] = [lastModified.toHTTP()!, lastModified.minus({ seconds: 1 }).toHTTP()!];

function entry(networkId: string, expiresAt = Number.POSITIVE_INFINITY): CacheEntry {
  const representation = newRepresentation({
    networkId,
    text: "BEGIN:VCALENDAR\r\nEND:VCALENDAR",
    hash: "abc",
    lastModified: lastModified.toJSDate(),
    private: false,
  });
  return { representation, expiresAt };
}

describe("feed cache", () => {
  test("a change notified for a network drops its feeds only", () => {
    const cache = new FeedCache();
    cache.store("a", entry("net-1"), cache.ticket());
    cache.store("b", entry("net-2"), cache.ticket());
    cache.invalidateNetwork("net-1");
    expect([cache.get("a", 0), cache.get("b", 0)?.representation.networkId]).toEqual([undefined, "net-2"]);
  });

  test("a build that began before a change to its network is not kept; one for another network is", () => {
    const cache = new FeedCache();
    const early = cache.ticket();
    cache.invalidateNetwork("net-1");
    expect(cache.store("a", entry("net-1"), early)).toBe(false);
    expect(cache.store("b", entry("net-2"), early)).toBe(true);
    expect(cache.unchangedSince(early)).toBe(false);
    const late = cache.ticket();
    expect(cache.store("a", entry("net-1"), late)).toBe(true);
    cache.clear();
    expect([cache.size, cache.store("a", entry("net-1"), late)]).toEqual([0, false]);
  });

  test("a feed that time changes expires at that moment", () => {
    const cache = new FeedCache();
    cache.store("a", entry("net-1", 1_000), cache.ticket());
    expect(cache.get("a", 999)).toBeDefined();
    expect(cache.get("a", 1_000)).toBeUndefined();
  });
});

describe("feed HTTP rules", () => {
  test("content codings: br first, then gzip, q=0 refuses", () => {
    expect(chooseCoding(undefined)).toBe("identity");
    expect(chooseCoding("gzip")).toBe("gzip");
    expect(chooseCoding("gzip, deflate, br")).toBe("br");
    expect(chooseCoding("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseCoding("gzip;q=0")).toBe("identity");
    expect(chooseCoding("*")).toBe("gzip");
  });

  test("If-None-Match wins over If-Modified-Since, compared in whole seconds", () => {
    const { representation } = entry("net-1");
    expect(representation.lastModified).toBe(httpDate);
    expect(isNotModified(representation, '"abc-gzip"', undefined)).toBe(true);
    expect(isNotModified(representation, 'W/"abc", "zzz"', undefined)).toBe(true);
    expect(isNotModified(representation, '"old"', httpDate)).toBe(false);
    expect(isNotModified(representation, undefined, httpDate)).toBe(true);
    expect(isNotModified(representation, undefined, secondBefore)).toBe(false);
    expect(isNotModified(representation, undefined, "not a date")).toBe(false);
  });
});
