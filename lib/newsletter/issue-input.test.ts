import { describe, expect, it } from "vitest";
import { issueInputSchema } from "./issue-input";

describe("issueInputSchema", () => {
  it("returns every problem at once", () => {
    const r = issueInputSchema.safeParse({ subject: "  ", intro: "", articleIds: [] });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path[0]);
    expect(fields).toContain("subject");
    expect(fields).toContain("articleIds");
  });

  it("refuses a subject with a line break (header injection)", () => {
    const r = issueInputSchema.safeParse({ subject: "Hi\r\nBcc: x@y.z", intro: "x" });
    expect(r.success).toBe(false);
  });

  it("keeps picks in order without repeats", () => {
    const r = issueInputSchema.parse({ subject: "S", intro: "", articleIds: ["3", "1", "3"] });
    expect(r.articleIds).toEqual([3, 1]);
  });
});
