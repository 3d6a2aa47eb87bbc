import { describe, expect, test } from "vitest";
import { parseTrustedProxies, resolveClientIp } from "@/lib/http/client-ip";

describe("resolveClientIp", () => {
  test("without trusted proxies only the socket address (the right-most hop) counts", () => {
    // A caller wrote 1.1.1.1 itself; the console server appended the socket peer 203.0.113.5.
    expect(resolveClientIp("1.1.1.1, 203.0.113.5", null)).toBe("203.0.113.5");
    expect(resolveClientIp("203.0.113.5", null)).toBe("203.0.113.5");
    expect(resolveClientIp("::ffff:203.0.113.5", null)).toBe("203.0.113.5");
  });

  test("a hop is believed only when a trusted proxy stands to its right", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, ::1");
    // Client 198.51.100.7 -> proxy 10.1.2.3 -> console: the proxy vouches for the client.
    expect(resolveClientIp("198.51.100.7, 10.1.2.3", trusted)).toBe("198.51.100.7");
    // The forged first hop is left of the real client and is ignored.
    expect(resolveClientIp("6.6.6.6, 198.51.100.7, 10.1.2.3", trusted)).toBe("198.51.100.7");
    // Two trusted proxies in a row.
    expect(resolveClientIp("198.51.100.7, 10.9.9.9, ::1", trusted)).toBe("198.51.100.7");
    // A caller that reaches the console directly cannot borrow the proxies' trust.
    expect(resolveClientIp("6.6.6.6, 10.1.2.3, 198.51.100.7", trusted)).toBe("198.51.100.7");
  });

  test("garbage stops the walk at the last real address; nothing at all is null", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8");
    expect(resolveClientIp("<script>, 10.1.2.3", trusted)).toBe("10.1.2.3");
    expect(resolveClientIp("", null)).toBeNull();
    expect(resolveClientIp(undefined, null)).toBeNull();
    expect(resolveClientIp("not-an-ip", null)).toBeNull();
  });

  test("ports and brackets are dropped", () => {
    expect(resolveClientIp("198.51.100.7:5555", null)).toBe("198.51.100.7");
    expect(resolveClientIp("[2001:db8::1]:443", null)).toBe("2001:db8::1");
  });
});
