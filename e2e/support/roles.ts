// The signed-in roles of the run: global setup signs the editor and one reader in once,
// through the emailed link as anyone would, and saves each session as a storageState file
// that specs' browser contexts start from (e2e/fixtures.ts: editorPage, readerPage).
// Signing in once matters: an address may ask for only three mails in ten minutes.
import path from "node:path";
import { request } from "@playwright/test";
import { MailClient, linkIn } from "./mail-client";
import { E2E, MAIN_URL } from "./env";

export const ROLES = {
  editor: { email: E2E.editorEmail, ip: "10.253.0.1", deskStatus: 200 },
  reader: { email: "signed-in-reader@example.com", ip: "10.253.0.2", deskStatus: 403 },
} as const;
export type Role = keyof typeof ROLES;

/** Where a role's saved session is (global setup makes the folder and names it in E2E_STATE_DIR). */
export function stateFile(role: Role): string {
  const dir = process.env.E2E_STATE_DIR;
  if (!dir) throw new Error("E2E_STATE_DIR is unset: the signed-in roles come from e2e/global-setup.ts");
  return path.join(dir, `${role}.json`);
}

/** Signs `role` in (request, mail, Continue), checks what the desk makes of it, and saves the session. */
export async function signInRole(role: Role, file: string): Promise<void> {
  const { email, ip, deskStatus } = ROLES[role];
  const ctx = await request.newContext({ baseURL: MAIN_URL, extraHTTPHeaders: { "X-Forwarded-For": ip } });
  try {
    const asked = await ctx.post("/signin/request", {
      form: { email, intent: "signin", callbackUrl: "/" },
      headers: { Accept: "application/json", Origin: MAIN_URL },
    });
    if (asked.status() !== 200) throw new Error(`signing in the ${role}: /signin/request answered ${asked.status()} ${await asked.text()}`);
    const link = new URL(linkIn(await new MailClient().waitFor(email)));
    const confirmed = await ctx.post("/signin/verify/confirm", {
      form: { token: link.searchParams.get("token") ?? "", callbackUrl: "/" },
      headers: { Origin: MAIN_URL },
      maxRedirects: 0,
    });
    if (confirmed.status() !== 303) throw new Error(`signing in the ${role}: Continue answered ${confirmed.status()}`);
    const desk = await ctx.get("/desk", { maxRedirects: 0 });
    if (desk.status() !== deskStatus) throw new Error(`the signed-in ${role} got ${desk.status()} at /desk, not ${deskStatus}`);
    await ctx.storageState({ path: file });
  } finally {
    await ctx.dispose();
  }
}
