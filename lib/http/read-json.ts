import { FORM_LIMIT, readBody, type BodyRefusal } from "./read-form";

/**
 * A JSON body (a WebAuthn answer, say), read with the same byte limit as a form. Only
 * `application/json`: a cross-site form cannot send that type without a preflight.
 */
export async function readJson(req: Request, maxBytes = FORM_LIMIT): Promise<{ ok: true; value: unknown } | BodyRefusal> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") return { ok: false, status: 400, message: "The request could not be read. Please try again." };
  const body = await readBody(req, maxBytes);
  if (!body.ok) return body;
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes)) };
  } catch {
    return { ok: false, status: 400, message: "The request could not be read. Please try again." };
  }
}
