import { describe, expect, test } from "vitest";
import { parseEnv } from "~/utils/env.server";
import { clientAddress, parseProxyTrust, proxyTrustFunction, type ProxyTrust } from "~/utils/proxy-trust.server";

const trust = (value: string) => parseProxyTrust(value) as ProxyTrust;

describe("TRUST_PROXY", () => {
  test("is off by default, a hop count, or a list of addresses and ranges; true is one hop", () => {
    expect(parseProxyTrust(undefined)).toEqual({ kind: "none" });
    expect(parseProxyTrust("false")).toEqual({ kind: "none" });
    expect(parseProxyTrust("0")).toEqual({ kind: "none" });
    expect(parseProxyTrust("true")).toEqual({ kind: "hops", hops: 1 });
    expect(parseProxyTrust("2")).toEqual({ kind: "hops", hops: 2 });
    expect(parseProxyTrust(" 10.0.0.0/8, 192.0.2.7 ,fd00::/8")).toEqual({
      kind: "addresses",
      list: ["10.0.0.0/8", "192.0.2.7", "fd00::/8"],
    });
    expect(parseProxyTrust("10.0.0.0/33, lb.internal")).toEqual({
      error: "not a hop count or a list of addresses/CIDR ranges: 10.0.0.0/33, lb.internal",
    });
  });

  test("a bad value stops the start with its reason", () => {
    expect(() => parseEnv({ DATA_DIR: "/tmp/daymark-env-proxy", TRUST_PROXY: "yes please" })).toThrow(
      "TRUST_PROXY: not a hop count or a list of addresses/CIDR ranges: yes please",
    );
    expect(parseEnv({ DATA_DIR: "/tmp/daymark-env-proxy", TRUST_PROXY: "1" }).trustProxy).toEqual({ kind: "hops", hops: 1 });
  });
});

describe("the client's address", () => {
  test("without trust, X-Forwarded-For is ignored", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", trust("false"))).toBe("203.0.113.9");
  });

  test("with one hop, a spoofed left-most entry is ignored: the balancer's own entry counts", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the balancer appended the address it saw.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.20", trust("true"))).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.2", "198.51.100.20", trust("1"))).toBe("198.51.100.20");
    expect(clientAddress("10.0.0.2", undefined, trust("1"))).toBe("10.0.0.2");
  });

  test("with two hops (CDN, then balancer)", () => {
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.20, 192.0.2.50", trust("2"))).toBe("198.51.100.20");
  });

  test("with a list, the first hop from the right outside it is the client", () => {
    const proxies = trust("10.0.0.0/8, 192.0.2.50");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.20, 192.0.2.50", proxies)).toBe("198.51.100.20");
    expect(clientAddress("::ffff:10.0.0.2", "198.51.100.20", proxies)).toBe("198.51.100.20");
    // A request straight from the internet is not from a proxy: its header is not believed.
    expect(clientAddress("198.51.100.30", "6.6.6.6", proxies)).toBe("198.51.100.30");
    // Several header lines are one list.
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "198.51.100.21"], proxies)).toBe("198.51.100.21");
  });

  test("Express is given the same judgement", () => {
    const judge = proxyTrustFunction(trust("10.0.0.0/8"));
    expect([judge("10.1.2.3", 0), judge("::ffff:10.1.2.3", 3), judge("11.0.0.1", 0), judge("not an address", 0)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    const twoHops = proxyTrustFunction(trust("2"));
    expect([twoHops("1.1.1.1", 0), twoHops("1.1.1.1", 1), twoHops("1.1.1.1", 2)]).toEqual([true, true, false]);
  });
});
