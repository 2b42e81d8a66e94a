import { afterEach, describe, expect, it, vi } from "vitest";
import { frontContract } from "@/server/contract";

async function clientIpWith(trustProxy: string | undefined) {
  vi.resetModules();
  if (trustProxy === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = trustProxy;
  return (await import("./client-ip")).clientIp;
}

const headers = (h: Record<string, string>) => new Headers(h);

/** As the front server says it is in front (server/main.ts). */
const frontServerInFront = () => void (frontContract().server = { queryCounts: null });

describe("clientIp", () => {
  afterEach(() => {
    delete process.env.TRUST_PROXY;
    delete frontContract().server;
  });

  it("believes x-lede-client-ip only when the front server is in front, which sets it from the socket", async () => {
    const clientIp = await clientIpWith(undefined);
    expect(clientIp(headers({ "x-lede-client-ip": "9.9.9.9" }))).toBe("unknown");
    frontServerInFront();
    expect(clientIp(headers({ "x-lede-client-ip": "9.9.9.9" }))).toBe("9.9.9.9");
  });

  it("ignores X-Forwarded-For unless TRUST_PROXY is set", async () => {
    const clientIp = await clientIpWith(undefined);
    frontServerInFront();
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4", "x-lede-client-ip": "9.9.9.9" }))).toBe("9.9.9.9");
  });

  it("takes the hop the trusted proxy added (the last one) when TRUST_PROXY is set", async () => {
    const clientIp = await clientIpWith("1");
    frontServerInFront();
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 1.2.3.4", "x-lede-client-ip": "10.0.0.1" }))).toBe("1.2.3.4");
    expect(clientIp(headers({ "x-lede-client-ip": "10.0.0.1" }))).toBe("10.0.0.1");
  });

  it("reads the last hop the ways proxies write it, and takes a hop that is no address for the proxy's own", async () => {
    const clientIp = await clientIpWith("1");
    frontServerInFront();
    const from = (xff: string) => clientIp(headers({ "x-forwarded-for": xff, "x-lede-client-ip": "10.0.0.1" }));
    expect(from("6.6.6.6, 1.2.3.4:5555")).toBe("1.2.3.4");
    expect(from("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(from("::ffff:192.0.2.1")).toBe("192.0.2.1");
    for (const hop of ["unknown", "1.2.3.4:5555:1", "1.2.3.4 x", "evil", "[1.2.3.4]", "1.2.3.4/8"]) expect(from(`9.9.9.9, ${hop}`)).toBe("10.0.0.1");
  });
});
