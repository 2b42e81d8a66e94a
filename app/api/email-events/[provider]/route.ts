// Provider webhooks: bounces, complaints and unsubscribes from SES (via SNS), Postmark,
// SendGrid, Mailgun and Resend. A 404 until the provider's variables are set; 401 for a
// request that does not verify (nothing changed, one log line a minute however many).
import { EVENTS_LIMIT, readBody } from "@/lib/http/read-form";
import { configuredProvider } from "@/lib/deliverability/receive";
import { recordEvents } from "@/lib/deliverability/record";
import { noteRefusal } from "@/lib/deliverability/refusal-log";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

type Params = { params: Promise<{ provider: string }> };

export async function POST(req: Request, { params }: Params) {
  const { provider } = await params;
  const verify = configuredProvider(provider);
  if (!verify) return json(404, { ok: false, error: "not_found" });
  const body = await readBody(req, EVENTS_LIMIT);
  if (!body.ok) {
    noteRefusal(provider, body.status === 413 ? "too large" : "unreadable body");
    return json(body.status, { ok: false, error: body.status === 413 ? "too_large" : "bad_request" });
  }
  const raw = new TextDecoder("utf-8", { fatal: false }).decode(body.bytes);
  const verified = await verify(req.headers, raw);
  if (!verified.ok) {
    noteRefusal(provider, verified.reason);
    return json(verified.status, { ok: false, error: verified.status === 401 ? "unauthorized" : "bad_request" });
  }
  try {
    const result = await recordEvents(verified.events);
    return json(200, { ok: true, ...result, ...(verified.answer ? { message: verified.answer } : {}) });
  } catch (err) {
    // The provider retries on a 5xx; the events it sent are recorded once whenever that lands.
    console.error(`[email-events] ${provider}: recording failed: ${(err as Error).message}`);
    return json(503, { ok: false, error: "unavailable" });
  }
}

async function notAllowed(_req: Request, { params }: Params) {
  const { provider } = await params;
  return configuredProvider(provider) ? json(405, { ok: false, error: "method_not_allowed" }) : json(404, { ok: false, error: "not_found" });
}

export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
