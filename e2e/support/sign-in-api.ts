// Sign-in requests straight to the endpoints the forms post to, as a script or bot would.
import type { APIRequestContext } from "@playwright/test";
import { MAIN_URL } from "./env";

export async function askForLink(
  request: APIRequestContext,
  fields: Record<string, string>,
  ip: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string>; ms: number }> {
  const started = performance.now();
  const res = await request.post(`${MAIN_URL}/signin/request`, {
    form: { intent: "signin", callbackUrl: "/", ...fields },
    headers: { Accept: "application/json", "X-Forwarded-For": ip, Origin: MAIN_URL },
  });
  const ms = performance.now() - started;
  return { status: res.status(), body: (await res.json()) as Record<string, unknown>, headers: res.headers(), ms };
}

export async function postCode(request: APIRequestContext, email: string, code: string, ip: string, callbackUrl = "/") {
  const res = await request.post(`${MAIN_URL}/signin/code`, {
    form: { email, code, callbackUrl },
    headers: { Accept: "application/json", "X-Forwarded-For": ip, Origin: MAIN_URL },
  });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown>, headers: res.headers() };
}
