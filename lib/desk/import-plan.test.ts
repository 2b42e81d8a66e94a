import { describe, expect, it } from "vitest";
import { planImport } from "./import-plan";

describe("members CSV import plan", () => {
  it("maps columns by header and reports every unusable row by line", () => {
    const csv = [
      "Name,Email Address,Newsletter",
      "Ann,ann@example.com,yes",
      "Bob,not-an-address,yes",
      ",,",
      "Cy,cy@EXAMPLE.com,",
      "Ann again,ann@example.com,no",
      "Di,di@example.com,maybe",
      "Ed,ed@mailinator.com,no",
    ].join("\n");
    const plan = planImport(csv);
    expect(plan.error).toBeNull();
    expect(plan.hasHeader).toBe(true);
    expect(plan.rows).toEqual([
      { line: 2, email: "ann@example.com", name: "Ann", newsletter: true, status: "subscribed" },
      { line: 5, email: "cy@example.com", name: "Cy", newsletter: false, status: "none" },
    ]);
    expect(plan.invalid).toEqual([
      { line: 3, reason: "“not-an-address” is not a valid email address" },
      { line: 4, reason: "has no email address" },
      { line: 6, reason: "ann@example.com is already on line 2" },
      { line: 7, reason: "newsletter consent “maybe” is not yes or no" },
      { line: 8, reason: "“ed@mailinator.com” is on a disposable or blocked domain" },
    ]);
  });

  it("reads email[,name[,consent]] when there is no header", () => {
    const plan = planImport("a@example.com\nb@example.com,Bea\nc@example.com,,true\n");
    expect(plan.hasHeader).toBe(false);
    expect(plan.rows.map((r) => [r.line, r.email, r.name, r.newsletter])).toEqual([
      [1, "a@example.com", null, false],
      [2, "b@example.com", "Bea", false],
      [3, "c@example.com", null, true],
    ]);
  });

  it("refuses an empty or broken file as a whole", () => {
    expect(planImport("").error).toBe("The file has no rows.");
    expect(planImport('email\n"a@example.com').error).toBe("Line 2 has a quote that is never closed.");
  });
});
