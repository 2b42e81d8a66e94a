import { describe, expect, it } from "vitest";
import { classifySmtpError, retryDelaySeconds } from "./smtp-outcome";

describe("classifySmtpError", () => {
  it("treats a 5xx to the recipient or the message as permanent", () => {
    expect(classifySmtpError({ responseCode: 550, command: "RCPT TO", response: "550 5.1.1 No such user" })).toEqual({
      kind: "permanent",
      reason: "550 5.1.1 No such user",
    });
    expect(classifySmtpError({ responseCode: 554, command: "DATA", response: "554 rejected" }).kind).toBe("permanent");
  });

  it("retries a 4xx, a refused connection and a timeout", () => {
    expect(classifySmtpError({ responseCode: 451, command: "RCPT TO", response: "451 try later" }).kind).toBe("temporary");
    expect(classifySmtpError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:2525" })).toEqual({
      kind: "temporary",
      reason: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525",
    });
    expect(classifySmtpError({ code: "ETIMEDOUT", message: "Connection timeout" }).kind).toBe("temporary");
  });

  it("never suppresses an address for a 5xx about the sending setup (auth, sender)", () => {
    expect(classifySmtpError({ responseCode: 535, command: "AUTH PLAIN", response: "535 bad credentials" }).kind).toBe("temporary");
    expect(classifySmtpError({ responseCode: 550, command: "MAIL FROM", response: "550 sender refused" }).kind).toBe("temporary");
  });
});

describe("retryDelaySeconds", () => {
  it("doubles from the base and stops at six hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(30, 30)).toBe(6 * 60 * 60);
  });
});
