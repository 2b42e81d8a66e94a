import { describe, expect, it } from "vitest";
import local from "./local-request";

const { isDirectLocalRequest } = local;

const request = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers });

describe("isDirectLocalRequest", () => {
  it("accepts a loopback socket with a local Host and no forwarding header", () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.3.2.1"]) {
      expect(isDirectLocalRequest(request(address, { host: "localhost:3000" }), ""), address).toBe(true);
    }
    for (const host of ["127.0.0.1:3000", "[::1]:3000", "app.localhost", "news.example:3000"]) {
      expect(isDirectLocalRequest(request("127.0.0.1", { host }), "http://news.example:3000"), host).toBe(true);
    }
  });

  it("refuses another machine's socket", () => {
    for (const address of ["192.0.2.2", "10.0.0.1", "::ffff:192.0.2.2", "fd00::2", "", "128.0.0.1"]) {
      expect(isDirectLocalRequest(request(address, { host: "localhost" }), ""), address).toBe(false);
    }
  });

  it("refuses any forwarding header, whatever its value", () => {
    for (const name of ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host", "x-forwarded-proto", "via", "true-client-ip", "cf-connecting-ip", "x-original-forwarded-for", "x-client-ip"]) {
      expect(isDirectLocalRequest(request("127.0.0.1", { host: "localhost", [name]: "127.0.0.1" }), ""), name).toBe(false);
    }
  });

  it("refuses a Host that is not this machine's (DNS rebinding) or cannot be read", () => {
    for (const host of ["evil.example", "evil.example:3000", "localhost.evil.example", "localhost@evil.example", "", "a b"]) {
      expect(isDirectLocalRequest(request("127.0.0.1", { host }), "http://localhost:3000"), host).toBe(false);
    }
  });
});
