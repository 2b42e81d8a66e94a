// readForm counts bytes as they arrive: many small chunks, a declared length over the
// limit, a declared length that lies, empty bodies, JSON, multipart and odd field names.
import { describe, expect, it } from "vitest";
import { FORM_LIMIT, readBody, readForm, readFormData } from "./read-form";

/** A request whose body is a stream of `count` chunks of `size` bytes; `pulled` counts what was read. */
function streamed(count: number, size: number, headers: Record<string, string> = {}) {
  const state = { pulled: 0, cancelled: false };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === count) return controller.close();
      sent++;
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const req = new Request("http://site.example/signin/request", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    duplex: "half",
  } as RequestInit);
  return { req, state };
}

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://site.example/x", { method: "POST", body, headers });

describe("readForm", () => {
  it("stops at the first chunk past the limit of a chunked body and answers 413", async () => {
    const { req, state } = streamed(1_000_000, 100); // 100 MB offered, 100 bytes at a time
    const result = await readForm(req);
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(state.pulled).toBeLessThanOrEqual(FORM_LIMIT + 100 * 2);
    expect(state.cancelled).toBe(true);
  });

  it("reads a body of many small chunks up to the limit", async () => {
    const { req } = streamed(160, 100); // 16,000 bytes of "a"
    const result = await readForm(req);
    expect(result.ok && Object.keys(result.fields)).toEqual(["a".repeat(16_000)]);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { req, state } = streamed(10, 100, { "content-length": String(FORM_LIMIT + 1) });
    expect(await readForm(req)).toMatchObject({ ok: false, status: 413 });
    expect(state.pulled).toBeLessThanOrEqual(100);
  });

  it("counts what arrives when the Content-Length lies (says small, sends big)", async () => {
    const { req, state } = streamed(10_000, 1024, { "content-length": "10" });
    expect(await readForm(req)).toMatchObject({ ok: false, status: 413 });
    expect(state.pulled).toBeLessThanOrEqual(FORM_LIMIT + 2048);
  });

  it("takes an empty body, with or without a type, as a form without fields", async () => {
    for (const r of [post(null), post(""), post("", { "content-type": "application/json" }), post("", { "content-type": "text/plain" })]) {
      const result = await readForm(r);
      expect(result.ok && Object.keys(result.fields)).toEqual([]);
    }
  });

  it("reads urlencoded, multipart and JSON bodies; the first of repeated fields wins", async () => {
    const url = await readForm(post("email=a%40b.example&email=second&x=1", { "content-type": "application/x-www-form-urlencoded" }));
    expect(url.ok && { ...url.fields }).toEqual({ email: "a@b.example", x: "1" });
    const form = new FormData();
    form.append("email", "m@b.example");
    form.append("email", "second");
    form.append("file", new Blob(["not a field"]), "f.txt");
    const multi = await readForm(post(form));
    expect(multi.ok && { ...multi.fields }).toEqual({ email: "m@b.example" });
    const json = await readForm(post(JSON.stringify({ email: "j@b.example", n: 5, none: null }), { "content-type": "application/json" }));
    expect(json.ok && { ...json.fields }).toEqual({ email: "j@b.example", n: "5", none: "" });
  });

  it("answers 400 to JSON that is not an object, broken JSON and unknown types", async () => {
    for (const [body, type] of [["[1,2]", "application/json"], ["{", "application/json"], ['"x"', "application/json"], ["hello", "text/plain"]]) {
      expect(await readForm(post(body, { "content-type": type }))).toMatchObject({ ok: false, status: 400 });
    }
  });

  it("keeps fields named like Object's own properties as plain fields", async () => {
    const result = await readForm(post("constructor=a&__proto__=b&toString=c", { "content-type": "application/x-www-form-urlencoded" }));
    expect(result.ok && result.fields.constructor).toBe("a");
    expect(result.ok && result.fields.toString).toBe("c");
    expect(result.ok && Object.getPrototypeOf(result.fields)).toBe(null);
    const missing = await readForm(post("a=1", { "content-type": "application/x-www-form-urlencoded" }));
    expect(missing.ok && missing.fields.constructor).toBeUndefined();
  });

  it("gives a file upload within its own limit, and 413 past it", async () => {
    const form = new FormData();
    form.append("file", new Blob(["email\nx@y.example\n"]), "members.csv");
    const within = await readFormData(post(form), 1024);
    expect(within.ok && (await (within.form.get("file") as File).text())).toBe("email\nx@y.example\n");
    const big = new FormData();
    big.append("file", new Blob([new Uint8Array(4096)]), "big.csv");
    expect(await readFormData(post(big), 1024)).toMatchObject({ ok: false, status: 413 });
  });

  it("counts bytes, not characters", async () => {
    const text = "é".repeat(FORM_LIMIT / 2 + 1); // 2 bytes each
    expect(await readBody(post(text), FORM_LIMIT)).toMatchObject({ ok: false, status: 413 });
  });
});
