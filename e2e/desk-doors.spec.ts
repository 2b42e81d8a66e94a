// Every door of the desk, knocked on by an anonymous visitor and by a signed-in reader:
// each page and route handler under app/desk (found in the file system) and each server
// action the desk's pages carry (found in the build's server-reference manifest). Pages
// send the visitor to sign in and show the reader the 403 page; route handlers answer
// 401/403; actions refuse; and none of it changes the database or sends mail. A new door
// is walked without being listed here; one this spec cannot reach (a new kind of [param])
// fails it.
// Runs alone (its own project), so that no other spec's change counts as the doors'.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse, Browser } from "@playwright/test";
import { test, expect, MAIN_URL } from "./fixtures";
import { writeArticle } from "./desk-page";
import type { MailClient } from "./support/mail-client";
import { hasMainDb, NEEDS_MAIN_DB, pendingMailJobs, withMainDb } from "./support/main-db";
import { E2E } from "./support/env";
import { stateFile } from "./support/roles";

// Next's own encoder of server action arguments (what its client sends): the same React as the server.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: (args: unknown[]) => Promise<FormData | string>;
};

const ROOT = path.resolve(__dirname, "..");
const DESK = path.join(ROOT, "app/desk");
// The main app serves the build in .next (scripts/start.mjs).
const MANIFEST = path.join(ROOT, ".next/server/server-reference-manifest.json");

type Visitor = "anonymous" | "reader";
type Door =
  | { kind: "page"; route: string }
  | { kind: "route"; route: string; method: string }
  | { kind: "action"; route: string; id: string; name: string };

/** The desk objects a door's [param] names, made by the editor before the walk. */
type Samples = { article: string; issue: string; import: string; newsletter: string; member: string };

/** Which sample fills a dynamic segment, by the segment before it. */
const PARAMS: Record<string, keyof Samples> = {
  "articles/[id]": "article",
  "newsletters/[id]": "issue",
  "lists/[id]": "newsletter",
  "import/[id]": "import",
  "members/[id]": "member",
};

/** Fields a desk form might read: enough for any desk change to go through, were a door open. */
function formFor(samples: Samples, door: Door): Record<string, string> {
  const run = Date.now().toString(36);
  // The object an `id` field names, by the door's route or action's name (an article unless said).
  const named = `${door.route} ${door.kind === "action" ? door.name : ""}`;
  const id = /import/i.test(named)
    ? samples.import
    : /lists\/|lists\/actions|Newsletter\b|Welcome|Digest/.test(named)
      ? samples.newsletter
      : /newsletter|issue/i.test(named)
        ? samples.issue
        : samples.article;
  return {
    id,
    title: `Door knock ${run}`,
    slug: `door-knock-${run}`,
    body: `Defaced ${run}.\n\n<!-- gate -->\n\nDefaced ${run}.`,
    subject: `Door knock ${run}`,
    name: `Door knock ${run}`,
    description: `Door knock ${run}`,
    senderName: `Door knock ${run}`,
    offeredByDefault: "yes",
    archive: "yes",
    newsletterId: samples.newsletter,
    newsletter: samples.newsletter,
    welcomeOn: "yes",
    welcomeSubject: `Door knock ${run}`,
    welcomeBody: `Door knock ${run}`,
    digestOn: "yes",
    digestDays: "1",
    digestTime: "07:00",
    digestSize: "3",
    scheduledAt: "2099-01-01T07:00",
    intro: `Door knock ${run}`,
    articleIds: samples.article,
    intent: "publish",
    premium: "off",
    metered: "off",
    confirm: "yes",
    enabled: "on",
    allowance: "9",
    period: "rolling30",
    csv: `email,name,newsletter\ndoor-${run}@example.com,Door,yes`,
    returnTo: "/desk",
  };
}

/** app/desk/a/[id]/page.tsx → /desk/a/[id] (route groups dropped). */
function routeOf(file: string): string {
  const dir = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return `/${dir.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

const METHODS = /export\s+(?:const|(?:async\s+)?function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b/g;

/** Every desk page and route handler in the file system, and every server action a desk page carries. */
function deskDoors(): Door[] {
  const doors: Door[] = [];
  for (const file of filesUnder(DESK)) {
    const name = path.basename(file);
    if (/^page\.(tsx|ts|jsx|js)$/.test(name)) doors.push({ kind: "page", route: routeOf(file) });
    if (/^route\.(ts|js)$/.test(name)) {
      for (const [, method] of fs.readFileSync(file, "utf8").matchAll(METHODS)) doors.push({ kind: "route", route: routeOf(file), method });
    }
  }
  type Entry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as { node: Record<string, Entry> };
  for (const [id, entry] of Object.entries(manifest.node)) {
    // A worker is the page whose POST runs the action: "app/desk/newsletters/[id]/page".
    const page = Object.keys(entry.workers).find((w) => w.startsWith("app/desk/"));
    if (!page) continue;
    doors.push({ kind: "action", route: `/${page.replace(/^app\//, "").replace(/\/page$/, "")}`, id, name: `${entry.filename}#${entry.exportedName}` });
  }
  return doors;
}

/** A door's route with its [params] filled from the samples, or why it cannot be. */
function urlOf(route: string, samples: Samples): string | Error {
  const parts = route.split("/");
  for (let i = 0; i < parts.length; i++) {
    if (!/^\[.+\]$/.test(parts[i])) continue;
    const key = PARAMS[`${parts[i - 1]}/${parts[i]}`];
    if (!key) return new Error(`${route}: no sample for ${parts[i - 1]}/${parts[i]} (add one to PARAMS)`);
    parts[i] = samples[key];
  }
  return parts.join("/");
}

const describe = (door: Door) =>
  door.kind === "page" ? `page ${door.route}` : door.kind === "route" ? `${door.method} ${door.route}` : `action ${door.name} (via ${door.route})`;

/** The words of every desk refusal: the 403 page, the route handlers' and the actions' messages. */
const REFUSAL = /Editors only|Only editors/;

async function knock(ask: APIRequestContext, door: Door, samples: Samples): Promise<APIResponse> {
  const url = urlOf(door.route, samples);
  if (url instanceof Error) throw url;
  const form = formFor(samples, door);
  const origin = { Origin: MAIN_URL };
  if (door.kind === "page") return ask.get(url, { maxRedirects: 0 });
  if (door.kind === "route") {
    if (door.method === "GET" || door.method === "HEAD") return ask.fetch(url, { method: door.method, maxRedirects: 0 });
    return ask.fetch(url, { method: door.method, form, headers: origin, maxRedirects: 0 });
  }
  // As Next's client calls an action, the form's data in both places a desk action may
  // read it: (previous state, form data), or (form data) alone.
  const data = () => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(form)) fd.append(k, v);
    return fd;
  };
  const body = await encodeReply([data(), data()]);
  return ask.post(url, {
    headers: { ...origin, "Next-Action": door.id, Accept: "text/x-component" },
    ...(typeof body === "string" ? { data: body } : { multipart: body }),
    maxRedirects: 0,
  });
}

/** What is wrong with a door's answer to `visitor`, or null when it refused as it should. */
async function problemWith(door: Door, visitor: Visitor, res: APIResponse): Promise<string | null> {
  const status = res.status();
  const body = await res.text();
  const location = res.headers()["location"] ?? "";
  if (door.kind === "page") {
    if (visitor === "anonymous") {
      const to = new URL(location || "/", MAIN_URL);
      const back = to.searchParams.get("callbackUrl") ?? "";
      return status >= 300 && status < 400 && to.pathname === "/signin" && back.startsWith("/desk") ? null : `answered ${status} ${location}, not a redirect to sign in and back`;
    }
    return status === 403 && REFUSAL.test(body) ? null : `answered ${status}, not the 403 page`;
  }
  if (door.kind === "route") return status === 401 || status === 403 ? null : `answered ${status}, not 401/403`;
  // An action's refusal: a 401/403, a redirect to sign in, or a result that says editors only.
  const redirect = res.headers()["x-action-redirect"] ?? location;
  if (status === 401 || status === 403) return null;
  if (redirect) return redirect.startsWith("/signin") ? null : `redirected to ${redirect}`;
  const result = actionResult(body);
  const succeeded = typeof result === "object" && result !== null && ("ok" in result ? result.ok !== false : "status" in result && result.status === "ok");
  if (status === 200 && !succeeded && REFUSAL.test(JSON.stringify(result))) return null;
  return `answered ${status}, the action's result ${JSON.stringify(result)?.slice(0, 200)}`;
}

/** The action's return value in an RSC answer: row 0 names it ({"a":"$@1"}), row 1 holds it. */
function actionResult(body: string): unknown {
  const rows = new Map(body.split("\n").flatMap((line) => {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    return m ? [[m[1], m[2]] as const] : [];
  }));
  try {
    const ref = /^\$@([0-9a-f]+)$/.exec(String((JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null)?.a))?.[1];
    return ref ? JSON.parse(rows.get(ref) ?? "null") : undefined;
  } catch {
    return undefined;
  }
}

async function editorSamples(browser: Browser): Promise<Samples> {
  const context = await browser.newContext({ storageState: stateFile("editor") });
  const page = await context.newPage();
  const run = Date.now().toString(36);
  const article = await writeArticle(
    page,
    { title: `Door sample ${run}`, slug: `door-sample-${run}`, body: `Free.\n\n<!-- gate -->\n\nSecret ${run}.`, premium: true },
    "Publish",
  );
  await page.goto("/desk/newsletters/new");
  await page.getByLabel("Subject", { exact: true }).fill(`Door sample ${run}`);
  await page.getByRole("checkbox", { name: /E2E free story/ }).check();
  await page.getByRole("button", { name: "Save draft and preview" }).click();
  await expect(page.getByText("Saved. Check the preview below")).toBeVisible();
  const issue = /\/desk\/newsletters\/(\d+)/.exec(page.url())?.[1];
  await page.goto("/desk/members");
  await page.getByLabel("Or paste the CSV").fill(`email,name,newsletter\ndoor-sample-${run}@import.test,,yes`);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("Dry run: nothing has been imported yet.")).toBeVisible();
  const dryRun = /\/desk\/members\/import\/([^/?#]+)/.exec(page.url())?.[1];
  await context.close();
  expect(article, "the sample article").toBeGreaterThan(0);
  expect(issue, "the sample issue").toBeTruthy();
  expect(dryRun, "the sample import").toBeTruthy();
  // A member's own desk page (their events and consent): the editor's, who signed in at set-up.
  const member = await withMainDb(async (sql) => (await sql<{ id: string }[]>`SELECT id FROM "user" WHERE email = ${E2E.editorEmail}`)[0]?.id);
  expect(member, "the sample member").toBeTruthy();
  return { article: String(article), issue: issue!, import: dryRun!, newsletter: "1", member: member! };
}

/**
 * What a desk change could leave behind: every row of every table (not the per-request
 * bookkeeping: sessions, rate limits, cache peers), the mail queued, and the mail sent
 * straight away (a newsletter's test copy goes out without the queue).
 */
// article_traffic: view counts, which the web processes add every few seconds whoever reads.
const BOOKKEEPING = new Set(["session", "rate_limit", "cache_peer", "sign_in_token", "sign_in", "article_traffic", "dev_mailbox"]);

function siteState(mail: MailClient): Promise<Record<string, string>> {
  return withMainDb(async (sql) => {
    const tables = await sql<{ name: string }[]>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`;
    const state: Record<string, string> = {};
    for (const { name } of tables.filter((t) => !BOOKKEEPING.has(t.name) && !t.name.startsWith("__drizzle"))) {
      const [row] = await sql<{ n: number; hash: string | null }[]>`
        select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as hash from ${sql(name)} t`;
      state[name] = `${row.n} rows ${row.hash ?? ""}`;
    }
    const [queued] = await sql<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'mail'`;
    state["pgboss.job (mail)"] = `${queued.n} jobs`;
    state["mail sink"] = `${(await mail.all()).length} messages`;
    return state;
  });
}

test.describe.configure({ mode: "serial" });

let samples: Samples;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  samples = await editorSamples(browser);
});

test("the walk finds every desk page, route handler and server action, and can reach each", () => {
  const doors = deskDoors();
  const count = (kind: Door["kind"]) => doors.filter((d) => d.kind === kind).length;
  expect(count("page"), "desk pages in app/desk").toBeGreaterThanOrEqual(5);
  expect(count("route") + count("action"), "desk route handlers and server actions").toBeGreaterThanOrEqual(5);
  const unreachable = doors.map((d) => urlOf(d.route, samples)).filter((u): u is Error => u instanceof Error);
  expect(unreachable.map((e) => e.message)).toEqual([]);
});

for (const visitor of ["anonymous", "reader"] as const) {
  test(`every desk door refuses ${visitor === "anonymous" ? "an anonymous visitor" : "a signed-in reader"}`, async ({ request, readerPage }) => {
    const ask = visitor === "anonymous" ? request : readerPage.request;
    const problems: string[] = [];
    for (const door of deskDoors()) {
      const problem = await problemWith(door, visitor, await knock(ask, door, samples));
      if (problem) problems.push(`${describe(door)}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });
}

test("the refused knocks change nothing: no row, no mail", async ({ request, readerPage, mail }) => {
  test.skip(!hasMainDb(), `${NEEDS_MAIN_DB}: every table is compared before and after`);
  // Mail the specs before this one asked for has all gone out: the sink's count holds still.
  await expect.poll(pendingMailJobs, { message: "mail jobs still to send", timeout: 60_000 }).toBe(0);
  const before = await siteState(mail);
  for (const ask of [request, readerPage.request]) for (const door of deskDoors()) await knock(ask, door, samples);
  expect(await siteState(mail)).toEqual(before);
});
