import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issueInputSchema } from "./issue-input";

describe("issueInputSchema", () => {
  it("returns every problem at once", () => {
    const r = issueInputSchema.safeParse({ subject: "  ", intro: "", articleIds: [] });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path[0]);
    expect(fields).toContain("subject");
    expect(fields).toContain("newsletterId");
    expect(fields).toContain("articleIds");
  });

  it("refuses a subject with a line break (header injection), in either subject", () => {
    expect(issueInputSchema.safeParse({ newsletterId: "1", subject: "Hi\r\nBcc: x@y.z", intro: "x" }).success).toBe(false);
    expect(issueInputSchema.safeParse({ newsletterId: "1", subject: "Hi", subjectB: "Yo\nBcc: x@y.z", intro: "x" }).success).toBe(false);
  });

  it("keeps picks in order without repeats", () => {
    const r = issueInputSchema.parse({ newsletterId: "1", subject: "S", intro: "", articleIds: ["3", "1", "3"] });
    expect(r.articleIds).toEqual([3, 1]);
    expect(r).toMatchObject({ newsletterId: 1, subjectB: "", samplePercent: 10, testWaitMinutes: 60 });
  });

  it("takes a test's sample and wait only as whole numbers in range", () => {
    const base = { newsletterId: "2", subject: "A", subjectB: "B", intro: "x" };
    expect(issueInputSchema.parse({ ...base, samplePercent: "20", testWaitMinutes: "90" })).toMatchObject({ samplePercent: 20, testWaitMinutes: 90 });
    for (const bad of ["0", "46", "1e1", "0x10", "-5", "10.5", " ", "ten"]) {
      expect(issueInputSchema.safeParse({ ...base, samplePercent: bad }).success, bad).toBe(false);
    }
    expect(issueInputSchema.safeParse({ ...base, subjectB: "A" }).success).toBe(false);
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = issueInputSchema.safeParse({ ...base, newsletterId: s });
        return !r.success || (Number.isSafeInteger(r.data.newsletterId) && r.data.newsletterId > 0 && String(r.data.newsletterId) === s);
      }),
    );
  });
});
