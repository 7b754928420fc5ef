import { BlockList, isIP } from "node:net";

/**
 * Which hops in front of Daymark may tell it the client's address
 * (X-Forwarded-For). Either a number of proxies (the load balancer, a CDN in
 * front of it) or the proxies' own addresses and ranges. Whoever sends a
 * request can write anything into X-Forwarded-For, so only entries appended by
 * a trusted proxy count: the client is the first untrusted hop from the right.
 */
export type ProxyTrust = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "addresses"; list: string[] };

/**
 * TRUST_PROXY: `false`/`0` (the default), a hop count, or a comma-separated list
 * of addresses and CIDR ranges. `true` means one hop: it no longer hands the
 * choice to the left-most entry, which the client writes.
 */
export function parseProxyTrust(value: string | undefined): ProxyTrust | { error: string } {
  const setting = (value ?? "").trim().toLowerCase();
  if (["", "false", "no", "0"].includes(setting)) return { kind: "none" };
  if (["true", "yes"].includes(setting)) return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(setting)) return { kind: "hops", hops: Number(setting) };
  const list = setting
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = list.filter((entry) => !parseRange(entry));
  if (bad.length > 0) return { error: `not a hop count or a list of addresses/CIDR ranges: ${bad.join(", ")}` };
  return { kind: "addresses", list };
}

function parseRange(entry: string): { address: string; prefix: number; family: "ipv4" | "ipv6" } | undefined {
  const [address = "", prefixText, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const family = version === 4 ? "ipv4" : "ipv6";
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d+$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, family };
}

// "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is judged as 10.0.0.1.
const unmapped = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

/**
 * Whether the hop at `index` (0 is the socket's peer, 1 the entry it appended
 * last, …) is a trusted proxy. Express's `trust proxy` takes this same
 * function, so its `req.ip` and `req.protocol` agree with `clientAddress`.
 */
export function proxyTrustFunction(trust: ProxyTrust): (address: string, index: number) => boolean {
  if (trust.kind === "none") return () => false;
  if (trust.kind === "hops") return (_address, index) => index < trust.hops;
  const ranges = new BlockList();
  for (const entry of trust.list) {
    const range = parseRange(entry)!;
    ranges.addSubnet(range.address, range.prefix, range.family);
  }
  return (address) => {
    const plain = unmapped(address);
    const version = isIP(plain);
    return version !== 0 && ranges.check(plain, version === 4 ? "ipv4" : "ipv6");
  };
}

/** The client's address: walking from the socket leftwards through X-Forwarded-For, the first hop that is not a trusted proxy. */
export function clientAddress(socketAddress: string, forwardedFor: string | string[] | undefined, trust: ProxyTrust): string {
  const trusted = proxyTrustFunction(trust);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = [
    unmapped(socketAddress),
    ...header
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .reverse(),
  ];
  for (let index = 0; index < hops.length; index++) {
    if (!trusted(hops[index]!, index)) return hops[index]!;
  }
  // Every hop is trusted: the left-most is as far as the chain goes.
  return hops[hops.length - 1]!;
}
