import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("the client address used for sign-in throttling", () => {
  it("is the connection's address when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress(undefined, "203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("198.51.100.1, 198.51.100.2", "203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("is the address the nearest trusted proxy saw, ignoring what the client wrote before it", () => {
    // Client 192.0.2.50 sent a forged "10.0.0.1"; the site's proxy (10.1.1.1) appended the real address.
    expect(clientAddress("10.0.0.1, 192.0.2.50", "10.1.1.1", 1)).toBe("192.0.2.50");
    // Two proxies: a CDN then a load balancer.
    expect(clientAddress("10.0.0.1, 192.0.2.50, 172.16.0.9", "10.1.1.1", 2)).toBe("192.0.2.50");
  });

  it("never runs off the start of the chain when fewer hops arrive than proxies are trusted", () => {
    expect(clientAddress(undefined, "10.1.1.1", 2)).toBe("10.1.1.1");
    expect(clientAddress(["192.0.2.50", "172.16.0.9"], "10.1.1.1", 5)).toBe("192.0.2.50");
  });
});
