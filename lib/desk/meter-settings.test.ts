// Integration: the desk's meter settings, from the posted form to what readers' pages read.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { db } from "@/lib/db/client";
import { cacheDrops, settingChanges, users } from "@/lib/db/schema";
import { DEFAULT_METER, meterSettings, saveMeterSettings } from "@/lib/meter/settings";
import { EVERYTHING_TAG } from "@/lib/cache/tags";
import { saveArticle } from "./article-commands";
import { recentDeskChanges } from "./desk-changes";
import { meterHistory } from "./meter-history";
import { parseMeterForm } from "./meter-form";
import { meterDiff, meterSummary } from "./meter-words";

useTestDatabase();

let editor: { kind: "editor"; userId: string; email: string };

beforeAll(async () => {
  const [u] = await db.insert(users).values({ email: "ed@example.com", role: "editor" }).returning({ id: users.id });
  editor = { kind: "editor", userId: u.id, email: "ed@example.com" };
});

/** Parses the form and saves it, as the route does. */
async function post(fields: Record<string, string>) {
  const form = parseMeterForm(fields);
  if (!form.ok) return form;
  return { ok: true as const, changed: await saveMeterSettings(editor, form.settings) };
}

describe("the meter settings form", () => {
  it("reads a ticked box, a number and a period", () => {
    expect(parseMeterForm({ enabled: "on", allowance: " 4 ", period: "rolling30" })).toEqual({
      ok: true,
      settings: { enabled: true, allowance: 4, period: "rolling30" },
    });
    // An unticked box is not sent at all.
    expect(parseMeterForm({ allowance: "1", period: "month" })).toMatchObject({ settings: { enabled: false } });
  });

  it("returns every field's error at once", () => {
    expect(parseMeterForm({ enabled: "maybe", allowance: "11", period: "weekly" })).toEqual({
      ok: false,
      fieldErrors: {
        enabled: "must be on or off.",
        allowance: "must be at most 10.",
        period: "must be a calendar month or the last 30 days.",
      },
    });
  });

  it.each([
    ["0", "must be at least 1."],
    ["-3", "must be at least 1."],
    ["2.5", "must be a whole number."],
    ["three", "must be a number."],
    ["3e1", "must be a number."],
    ["0x3", "must be a number."],
    ["", "is required: how many premium articles a reader may read free."],
  ])("refuses the allowance %j: %s", (allowance, message) => {
    expect(parseMeterForm({ enabled: "on", allowance, period: "month" })).toEqual({ ok: false, fieldErrors: { allowance: message } });
  });
});

describe("saving the meter", () => {
  it("is off until the desk switches it on", async () => {
    expect(await meterSettings()).toEqual(DEFAULT_METER);
    expect(DEFAULT_METER.enabled).toBe(false);
    expect(await meterHistory()).toEqual([]);
  });

  it("saves, reads back through meterSettings(), and records who changed what", async () => {
    expect(await post({ enabled: "on", allowance: "2", period: "month" })).toEqual({ ok: true, changed: true });
    expect(await meterSettings()).toEqual({ enabled: true, allowance: 2, period: "month" });
    const [row] = await db.select().from(settingChanges);
    expect(row).toMatchObject({ actorId: editor.userId, actorEmail: "ed@example.com", key: "meter", before: null });
    expect(row.after).toEqual({ enabled: true, allowance: 2, period: "month" });
    const [first] = await meterHistory();
    expect(first).toMatchObject({ actorEmail: "ed@example.com", before: DEFAULT_METER, after: { enabled: true, allowance: 2, period: "month" } });
  });

  it("writes nothing, and drops nothing, when a save changes nothing", async () => {
    const before = await db.select().from(cacheDrops);
    expect(await post({ enabled: "on", allowance: "2", period: "month" })).toEqual({ ok: true, changed: false });
    expect(await meterHistory()).toHaveLength(1);
    expect(await db.select().from(cacheDrops)).toEqual(before);
  });

  it("refused, changes nothing", async () => {
    expect(await post({ enabled: "on", allowance: "99", period: "month" })).toMatchObject({ ok: false });
    expect(await meterSettings()).toEqual({ enabled: true, allowance: 2, period: "month" });
    expect(await meterHistory()).toHaveLength(1);
  });

  it("lists changes newest first, each from what it was to what it became", async () => {
    await post({ enabled: "on", allowance: "5", period: "rolling30" });
    await post({ allowance: "5", period: "rolling30" });
    const history = await meterHistory();
    expect(history.map((c) => [c.before, c.after])).toEqual([
      [
        { enabled: true, allowance: 5, period: "rolling30" },
        { enabled: false, allowance: 5, period: "rolling30" },
      ],
      [
        { enabled: true, allowance: 2, period: "month" },
        { enabled: true, allowance: 5, period: "rolling30" },
      ],
      [DEFAULT_METER, { enabled: true, allowance: 2, period: "month" }],
    ]);
    expect(meterDiff(history[1].before!, history[1].after!)).toEqual([
      "free articles 2 → 5",
      "period calendar month → rolling 30 days",
    ]);
    expect(meterDiff(history[0].before!, history[0].after!)).toEqual(["switched it off"]);
    expect(meterSummary(history[0].after!)).toBe("off (5 free articles in any 30 days once on)");
    expect(meterSummary({ enabled: true, allowance: 1, period: "month" })).toBe("on, 1 free article a calendar month");
  });

  // PGlite is one process: its drops stay in memory, with nothing to record.
  it.skipIf(!usingPostgres)("on PostgreSQL, drops every cached page of every process with one recorded drop", async () => {
    const drops = async () => (await db.select().from(cacheDrops)).length;
    const dropsBefore = await drops();
    const was = await meterSettings();
    expect(await post({ ...(was.enabled ? {} : { enabled: "on" }), allowance: String(was.allowance), period: was.period })).toEqual({ ok: true, changed: true });
    expect(await drops()).toBe(dropsBefore + 1);
    const [last] = await db.select().from(cacheDrops).orderBy(cacheDrops.version).limit(1).offset(dropsBefore);
    expect(last.tags).toEqual([EVERYTHING_TAG]);
  });

  it("shows meter changes among the desk's recent changes, newest first", async () => {
    await saveArticle(editor, null, { title: "Late story", body: "x", intent: "save" });
    await post({ enabled: "on", allowance: "3", period: "month" });
    const changes = await recentDeskChanges(3);
    expect(changes.map((c) => c.kind)).toEqual(["meter", "article", "meter"]);
    expect(changes[1]).toMatchObject({ entry: { action: "created", articleTitle: "Late story" } });
  });
});
