// One signed-in editor for the whole run, shared by every worker: signing in takes a
// mail, an address may ask for only three in ten minutes, and two workers asking at
// once would each pick up the other's link. The first worker to need the editor signs
// in (holding a lock directory); the others wait for its saved session.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { test as base, expect, EDITOR_EMAIL, MAIN_URL } from "./fixtures";

export { expect, EDITOR_EMAIL, SITE_ORIGIN, uniqueEmail } from "./fixtures";

type State = Exclude<BrowserContextOptions["storageState"], string | undefined>;
type SignIn = (page: Page, email: string, returnTo?: string) => Promise<void>;

const STATE_FILE = path.join(os.tmpdir(), `lede-e2e-editor-${new URL(MAIN_URL).port}.json`);
const LOCK_DIR = `${STATE_FILE}.lock`;
const STALE_LOCK_MS = 120_000;

async function stillSignedIn(browser: Browser, state: State): Promise<boolean> {
  const context = await browser.newContext({ storageState: state });
  const res = await context.request.get("/desk", { maxRedirects: 0 });
  await context.close();
  return res.status() === 200;
}

/** Signs in (under the lock) and saves the session, or returns false if another worker is. */
async function signInOnce(browser: Browser, signIn: SignIn): Promise<boolean> {
  try {
    fs.mkdirSync(LOCK_DIR);
  } catch {
    // A lock left by a run that was killed mid-sign-in is cleared after a while.
    const lock = fs.statSync(LOCK_DIR, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    return false;
  }
  try {
    const context = await browser.newContext();
    await signIn(await context.newPage(), EDITOR_EMAIL, "/desk");
    fs.writeFileSync(`${STATE_FILE}.tmp`, JSON.stringify(await context.storageState()));
    fs.renameSync(`${STATE_FILE}.tmp`, STATE_FILE);
    await context.close();
    return true;
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

let editorState: State | undefined;

async function sharedEditorState(browser: Browser, signIn: SignIn): Promise<State> {
  await expect
    .poll(
      async () => {
        if (fs.existsSync(STATE_FILE)) {
          const saved = JSON.parse(fs.readFileSync(STATE_FILE, "utf8")) as State;
          if (await stillSignedIn(browser, saved)) return (editorState = saved), true;
        }
        return signInOnce(browser, signIn).then(() => false);
      },
      { timeout: 120_000, intervals: [250], message: "the editor's shared session" },
    )
    .toBe(true);
  return editorState!;
}

export const test = base.extend<{ editor: Page }>({
  /** A page signed in as the editor (EDITOR_EMAILS), in its own browser context. */
  editor: async ({ browser, signIn }, use) => {
    editorState ??= await sharedEditorState(browser, signIn);
    const context = await browser.newContext({ storageState: editorState });
    await use(await context.newPage());
    await context.close();
  },
});
