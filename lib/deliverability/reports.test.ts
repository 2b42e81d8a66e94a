import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReport } from "./reports";

describe("reading reports", () => {
  it("reads a base64 DSN with several recipients: failed 5.x.x is a bounce, delayed a temporary one, delivered nothing", () => {
    const status = Buffer.from(
      "Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822;a@x.org\r\nAction: failed\r\nStatus: 5.2.1\r\n\r\nFinal-Recipient: rfc822; B@x.org\r\nAction: delayed\r\nStatus: 4.4.7\r\n\r\nFinal-Recipient: rfc822; c@x.org\r\nAction: delivered\r\nStatus: 2.0.0\r\n",
    ).toString("base64");
    const raw = `To: bounces+1-aaaa@b.example\r\nContent-Type: multipart/report; report-type="delivery-status"; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhi\r\n--zz\r\nContent-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n${status}\r\n--zz--\r\n`;
    const r = parseReport(raw);
    expect(r?.type).toBe("dsn");
    expect(r?.findings.map((f) => [f.kind, f.recipient])).toEqual([["bounce", "a@x.org"], ["soft-bounce", "b@x.org"], [null, "c@x.org"]]);
    expect(r?.hints).toContain("bounces+1-aaaa@b.example");
  });
  it("reads nothing from a plain message, a report of another type, or a report without its status part", () => {
    expect(parseReport("Subject: hi\r\n\r\nbody")).toBeNull();
    expect(parseReport('Content-Type: multipart/report; report-type=disposition-notification; boundary=a\r\n\r\n--a\r\n\r\nx\r\n--a--')).toBeNull();
    expect(parseReport('Content-Type: multipart/report; report-type=delivery-status; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nx\r\n--a--')).toBeNull();
  });
  it("property: never throws, whatever the bytes, and finds nothing outside a multipart/report", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.boolean(), (text, asReport) => {
        const raw = asReport ? `Content-Type: multipart/report; report-type=delivery-status; boundary=q\r\n\r\n--q\r\nContent-Type: message/delivery-status\r\n\r\n${text}\r\n--q--` : text;
        const r = parseReport(raw);
        if (!asReport && !/multipart\/report/i.test(text)) expect(r).toBeNull();
        for (const f of r?.findings ?? []) expect([null, "bounce", "soft-bounce", "complaint"]).toContain(f.kind);
      }),
      { numRuns: 500 },
    );
  });
});
