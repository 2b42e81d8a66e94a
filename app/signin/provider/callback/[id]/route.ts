import type { NextRequest } from "next/server";
import { setSessionCookie } from "@/lib/auth/cookie";
import { configuredProvider } from "@/lib/auth/providers/configured";
import { finishProviderFlow } from "@/lib/auth/providers/flow";
import { clearReturnPath, returnPath } from "@/lib/auth/providers/return-cookie";
import { clientIp } from "@/lib/http/client-ip";
import { messagePage, seeOther } from "@/lib/http/forms";

type Params = { params: Promise<{ id: string }> };

/**
 * The provider sends the reader back here (the redirect URI to register with it:
 * SITE_URL + /signin/provider/callback/<id>). Auth.js checks state, PKCE and nonce and
 * trades the code; Lede's door decides (lib/auth/providers/sign-in.ts). Anything that goes
 * wrong — a forged state, a code for another client, the reader cancelling — ends on
 * /signin with one plain sentence, and no session.
 */
export async function GET(req: NextRequest, { params }: Params) {
  const provider = configuredProvider((await params).id);
  if (!provider) return messagePage(404, "Page not found", "This page does not exist.", "/");
  const callbackUrl = returnPath(req);
  const failed = () => clearReturnPath(seeOther(`/signin?${new URLSearchParams({ error: "provider_failed", callbackUrl })}`));
  try {
    const { answer, session, redirectTo } = await finishProviderFlow(provider.id, req.nextUrl.search, req.headers.get("cookie"), clientIp(req.headers), callbackUrl);
    if (!redirectTo) return failed();
    const res = clearReturnPath(seeOther(redirectTo));
    // Auth.js's own cookies: the used state, PKCE and nonce, cleared.
    for (const c of answer.cookies ?? []) res.cookies.set(c.name, c.value, c.options);
    return session ? setSessionCookie(res, session) : res;
  } catch (err) {
    console.warn(`[provider] ${provider.id} sign-in refused: ${(err as Error).message}`);
    return failed();
  }
}
