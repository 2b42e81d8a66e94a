// Members' CSV export and import, through csv-stringify and csv-parse. What is Lede's own:
// formula defusing on the way out, and on the way in the line each record starts on.
import { Readable, pipeline } from "node:stream";
import { CsvError, type Info } from "csv-parse";
import { parse } from "csv-parse/sync";
import { stringify, type Options as StringifyOptions } from "csv-stringify";
import { stringify as stringifySync } from "csv-stringify/sync";

export type CsvValue = string | number | boolean | Date | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

const WRITE: StringifyOptions = {
  // RFC 4180: CRLF after every record.
  record_delimiter: "windows",
  // csv-stringify quotes a cell holding the record delimiter (CRLF) but not a lone LF or
  // CR, which every spreadsheet still reads as a line break.
  quoted_match: /[\r\n]/,
  cast: {
    // Formula-looking text gets a leading quote; quoting for commas and such comes after.
    string: (text) => (FORMULA_START.test(text) ? `'${text}` : text),
    date: (date) => date.toISOString(),
    boolean: (b) => String(b),
  },
};

/** One cell, as it is written in a row. */
export function csvCell(value: CsvValue): string {
  return csvRow([value]).slice(0, -2);
}

/** One record, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return stringifySync([[...values]], WRITE);
}

/**
 * A CSV file as a byte stream: the header, then every record `records` yields, pulled
 * only as fast as the consumer reads. Starts with a byte-order mark so that spreadsheet
 * programs read it as UTF-8.
 */
export function csvStream(header: readonly string[], records: AsyncIterable<readonly CsvValue[]>): ReadableStream<Uint8Array> {
  // pipeline, not pipe: a failing source (the database, say) errors the stream, and a
  // consumer that goes away stops the source.
  const csv = pipeline(Readable.from(records), stringify({ ...WRITE, bom: true, header: true, columns: [...header] }), () => {});
  // Node's web ReadableStream type is the same stream as the DOM one the Response takes.
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}

export type CsvRecord = { line: number; fields: string[] };
export type ParsedCsv = { records: CsvRecord[]; error: { line: number; message: string } | null };

/** Line numbers by byte offset, counting CRLF, LF and a lone CR as one line break each. */
function lineCounter(bytes: Buffer) {
  let at = 0;
  let line = 1;
  return (offset: number): number => {
    for (; at < offset && at < bytes.length; at++) {
      const b = bytes[at];
      if (b === 0x0a || (b === 0x0d && bytes[at + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

const BLANK = new Set([0x20, 0x09, 0x0d, 0x0a]);

/**
 * Records with the line each starts on (1-based, as an editor counts in their file).
 * Quoted fields may hold commas, quotes ("") and line breaks; fields are trimmed and
 * blank lines skipped. A file that cannot be read stops with an error naming the line.
 */
export function parseCsv(input: string): ParsedCsv {
  const bytes = Buffer.from(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  const lineAt = lineCounter(bytes);
  let end = 0;
  const startLine = (info: Info) => {
    // A record starts at the first non-blank byte after the one before it.
    let start = end;
    while (start < bytes.length && BLANK.has(bytes[start])) start++;
    end = info.bytes;
    return lineAt(start);
  };
  const records: CsvRecord[] = [];
  try {
    parse(bytes, {
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      skip_empty_lines: true,
      // Each record is kept here with its line, and left out of parse()'s own result.
      on_record: (fields, info) => void records.push({ line: startLine(info), fields }),
    });
    return { records, error: null };
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const e = err as CsvError & { bytes_records?: number; lines?: number };
    if (e.code === "CSV_QUOTE_NOT_CLOSED") {
      // csv-parse names the line where the file ended; the editor needs the quote's own.
      const quote = bytes.indexOf(0x22, e.bytes_records ?? 0);
      return { records: [], error: { line: lineAt(quote), message: "has a quote that is never closed" } };
    }
    const message = /CLOSING_QUOTE/.test(e.code) ? "has text after a closing quote" : "cannot be read as CSV";
    return { records: [], error: { line: e.lines ?? 1, message } };
  }
}
