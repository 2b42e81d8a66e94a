// Reading a request body with a byte limit that holds whatever the transfer encoding:
// bytes are counted as they arrive, and reading stops at the first byte past the limit.
import limits from "./body-limits";

export const { FORM_LIMIT, ARTICLE_LIMIT, IMPORT_LIMIT, ACTION_LIMIT, EVENTS_LIMIT } = limits;

/** A form's text fields. Null prototype: a field named "constructor" is just a field. */
export type FormFields = Record<string, string>;

export type BodyRefusal = { ok: false; status: 400 | 413; message: string };

const UNREADABLE: BodyRefusal = { ok: false, status: 400, message: "The form could not be read. Please try again." };

export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

function tooLarge(maxBytes: number): BodyRefusal {
  return { ok: false, status: 413, message: `This form is larger than ${sizeInWords(maxBytes)}, so it was not read. Nothing was changed.` };
}

/** The body's bytes, or a refusal: 413 past `maxBytes` (declared or counted), 400 when it breaks off. */
export async function readBody(req: Request, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array<ArrayBuffer> } | BodyRefusal> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    req.body?.cancel().catch(() => {});
    return tooLarge(maxBytes);
  }
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };
  if (req.bodyUsed) return UNREADABLE;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        return tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch {
    return UNREADABLE;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

/** The whole body as FormData (urlencoded or multipart, files included), read within `maxBytes`. */
export async function readFormData(req: Request, maxBytes: number): Promise<{ ok: true; form: FormData } | BodyRefusal> {
  const body = await readBody(req, maxBytes);
  if (!body.ok) return body;
  const type = req.headers.get("content-type") ?? "";
  try {
    return { ok: true, form: await new Response(body.bytes, { headers: { "content-type": type } }).formData() };
  } catch {
    return UNREADABLE;
  }
}

/**
 * The text fields of a urlencoded, multipart or JSON body, read within `maxBytes`
 * (the first of repeated fields wins). An empty body is a form without fields.
 */
export async function readForm(req: Request, maxBytes: number = FORM_LIMIT): Promise<{ ok: true; fields: FormFields } | BodyRefusal> {
  const body = await readBody(req, maxBytes);
  if (!body.ok) return body;
  const fields: FormFields = Object.create(null);
  if (body.bytes.byteLength === 0) return { ok: true, fields };
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.toLowerCase().includes("application/json")) {
      const data: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes));
      if (typeof data !== "object" || data === null || Array.isArray(data)) return UNREADABLE;
      for (const [k, v] of Object.entries(data)) fields[k] = typeof v === "string" ? v : String(v ?? "");
      return { ok: true, fields };
    }
    const form = await new Response(body.bytes, { headers: { "content-type": type } }).formData();
    for (const [k, v] of form) if (typeof v === "string" && !Object.hasOwn(fields, k)) fields[k] = v;
    return { ok: true, fields };
  } catch {
    return UNREADABLE;
  }
}
