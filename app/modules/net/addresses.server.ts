import { BlockList, isIP } from "node:net";

/**
 * Which IP addresses Daymark may open a connection to on someone else's
 * behalf (a partner's calendar address, later a webhook): public unicast
 * only. Everything a request could use to reach this machine, the operator's
 * network or a cloud's metadata service is refused: loopback, private,
 * link-local, carrier-grade NAT, multicast, reserved and documentation
 * ranges, and IPv6 forms that embed an IPv4 address (mapped, compatible,
 * NAT64, 6to4, Teredo), which are judged by the address they carry or refused.
 */

const blockedV4 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blockedV4.addSubnet(network, prefix, "ipv4");
}

// Only 2000::/3 is global unicast; inside it, these are not.
const globalV6 = new BlockList();
globalV6.addSubnet("2000::", 3, "ipv6");
const blockedV6 = new BlockList();
for (const [network, prefix] of [
  ["2001::", 23], // IETF protocol assignments, Teredo (2001::/32) among them
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: carries an IPv4 address
  ["3fff::", 20], // documentation
] as const) {
  blockedV6.addSubnet(network, prefix, "ipv6");
}

/** Expands an IPv6 address to its eight 16-bit groups (the input is a valid IPv6 address). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split("%")[0]!;
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) => Number.parseInt(group, 16));
}

/** The IPv4 address carried in the last 32 bits. */
function embeddedIpv4(groups: number[]): string {
  const [high, low] = [groups[6]!, groups[7]!];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** True when the address is a public unicast address that may be connected to. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address.split("%")[0]!);
  if (version === 4) return !blockedV4.check(address, "ipv4");
  if (version !== 6) return false;
  const groups = ipv6Groups(address);
  const firstSix = groups.slice(0, 6);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated; also :: and ::1): judged as the IPv4 address.
  if (firstSix.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
    if (groups[5] === 0 && groups[6] === 0) return false; // ::, ::1 and the like
    return isPublicAddress(embeddedIpv4(groups));
  }
  // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48) translates to IPv4 on the operator's side: refused.
  if (groups[0] === 0x64 && groups[1] === 0xff9b) return false;
  const normalised = groups.map((group) => group.toString(16)).join(":");
  return globalV6.check(normalised, "ipv6") && !blockedV6.check(normalised, "ipv6");
}
