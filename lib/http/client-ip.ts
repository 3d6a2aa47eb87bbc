import net from "node:net";

/**
 * Which client address to believe. The console server (scripts/console-server.js) appends
 * the socket's peer address to X-Forwarded-For on every request, as a proxy would, so the
 * right-most hop is always one we saw ourselves. Walking from the right, a hop is only
 * believed when the hop to its right is a configured trusted proxy: a caller can write
 * anything on the left of the header, and it is ignored unless a trusted proxy vouched
 * for it. With no trusted proxies this is simply the socket address.
 */
export function resolveClientIp(forwardedFor: string | null | undefined, trustedProxies: net.BlockList | null): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => normaliseAddress(hop.trim()))
    .filter((hop) => hop !== "");
  let client: string | null = null;
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = hops[index]!;
    // A hop that is not an address ends the walk: nothing left of it can be vouched for.
    if (net.isIP(hop) === 0) break;
    client = hop;
    if (!trustedProxies || !isTrusted(trustedProxies, hop)) break;
  }
  return client;
}

/** PARAPET_TRUSTED_PROXIES (already validated by lib/env.ts) as a BlockList; null when empty. */
export function parseTrustedProxies(setting: string): net.BlockList | null {
  const entries = setting
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const type = net.isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function isTrusted(list: net.BlockList, address: string): boolean {
  return list.check(address, net.isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is 10.0.0.1; brackets and zones are dropped. */
function normaliseAddress(hop: string): string {
  let address = hop.replace(/^\[(.*)\](:\d+)?$/, "$1").replace(/%.*$/, "");
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) address = address.slice(7);
  // `1.2.3.4:5678` (some proxies keep the port).
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  return address;
}
