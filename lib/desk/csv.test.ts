import { describe, expect, it } from "vitest";
import { csvCell, csvRow, parseCsv } from "./csv";

describe("csv writer", () => {
  it("quotes cells with commas, quotes and line breaks", () => {
    expect(csvRow(["plain", "a,b", 'say "hi"', "two\nlines", null, 3])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",,3\r\n',
    );
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    for (const evil of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"]) {
      expect(csvCell(evil).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell("ann@example.com")).toBe("ann@example.com");
  });

  it("writes dates as ISO 8601", () => {
    expect(csvCell(new Date("2026-11-20T08:30:00Z"))).toBe("2026-11-20T08:30:00.000Z");
  });
});

describe("csv parser", () => {
  it("reads what the writer wrote", () => {
    const rows = [["a,b", 'q"uote', "multi\nline"], ["x", "", "z"]];
    const parsed = parseCsv(rows.map((r) => csvRow(r)).join(""));
    expect(parsed.error).toBeNull();
    expect(parsed.records.map((r) => r.fields)).toEqual(rows);
  });

  it("numbers records by the line they start on, skipping blank lines", () => {
    const parsed = parseCsv('\uFEFFemail,name\n\n"b@x.com","B\nB"\r\nc@x.com,C\n');
    expect(parsed.records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, "email"],
      [3, "b@x.com"],
      [5, "c@x.com"],
    ]);
  });

  it("counts lines by the file's own breaks, CRLF inside quotes and non-ASCII text included", () => {
    const parsed = parseCsv('é,"a\r\nb\rc"\r\n   \r\n"ü\nü",x\rlast');
    expect(parsed.records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, "é"],
      [5, "ü\nü"],
      [7, "last"],
    ]);
  });

  it("names the line of text after a closing quote", () => {
    expect(parseCsv('a\n"b"c,d\n').error).toEqual({ line: 2, message: "has text after a closing quote" });
  });

  it("reads a last record without a final line break", () => {
    expect(parseCsv("a,b\nc,d").records.map((r) => r.fields)).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("names the line of a quote that is never closed", () => {
    expect(parseCsv('a\nb,"open\nc').error).toEqual({ line: 2, message: "has a quote that is never closed" });
  });
});
