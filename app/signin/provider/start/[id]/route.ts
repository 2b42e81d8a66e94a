import { NextResponse, type NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { configuredProvider } from "@/lib/auth/providers/configured";
import { startProviderFlow } from "@/lib/auth/providers/flow";
import { setReturnPath } from "@/lib/auth/providers/return-cookie";
import { clientIp } from "@/lib/http/client-ip";
import { fromThisSite, messagePage, readForm, refuseBody, seeOther } from "@/lib/http/forms";
import { providerRedirectPage } from "@/lib/http/provider-redirect-page";

type Params = { params: Promise<{ id: string }> };

/**
 * "Continue with Google": a form post from this site only (a cross-site page cannot start a
 * sign-in for you), then off to the provider with Auth.js's state, PKCE and nonce cookies.
 * The way out is a page that moves on by itself, not a Location header: every Location
 * Lede sends stays on this site (server/steps/guard-location.ts), and this one exception is not made there.
 */
export async function POST(req: NextRequest, { params }: Params) {
  const provider = configuredProvider((await params).id);
  if (!provider) return messagePage(404, "Page not found", "This page does not exist.", "/");
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/signin");
  if (!fromThisSite(req)) return messagePage(400, "Something went wrong", "The form could not be read. Please try again.", "/signin");
  const callbackUrl = safeCallbackPath(form.fields.callbackUrl);
  try {
    const started = await startProviderFlow(provider.id, clientIp(req.headers));
    const to = started.redirect ? new URL(started.redirect) : null;
    if (!to || (to.protocol !== "https:" && to.protocol !== "http:")) throw new Error("Auth.js gave no authorization URL");
    const res: NextResponse = providerRedirectPage(to.toString(), provider.label);
    for (const c of started.cookies ?? []) res.cookies.set(c.name, c.value, c.options);
    return setReturnPath(res, callbackUrl);
  } catch (err) {
    console.error(`[provider] ${provider.id} start failed: ${(err as Error).message}`);
    return seeOther(`/signin?${new URLSearchParams({ error: "provider_failed", callbackUrl })}`);
  }
}
