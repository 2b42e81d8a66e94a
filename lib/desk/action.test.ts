import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const guard = vi.hoisted(() => ({ editor: null as null | { kind: "editor"; userId: string; email: string } }));
vi.mock("./guard", () => ({ editorOfRequest: async () => guard.editor }));
const request = vi.hoisted(() => ({ headers: new Headers({ "next-action": "abc" }) }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw Object.assign(new Error("forbidden"), { digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
  },
}));

const { deskAction, EDITORS_ONLY, formValues } = await import("./action");
const { meterFormSchema, METER_FIELD_LABELS } = await import("./meter-form");
const { fieldErrorSummary } = await import("./notices");

const EDITOR = { kind: "editor", userId: "u1", email: "ed@example.com" } as const;

function form(fields: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

const schema = z.object({
  title: z.string().trim().min(1, "is required"),
  count: z.coerce.number().int("must be whole").max(10, "must be at most 10"),
});

describe("deskAction", () => {
  beforeEach(() => {
    guard.editor = null;
  });

  it("answers anyone but an editor 403 before reading the form, and runs nothing", async () => {
    const read = vi.fn(() => ({}));
    const run = vi.fn(async () => ({ status: "ok" as const, message: "done" }));
    const action = deskAction({ schema, read }, run);
    await expect(action({ status: "idle" }, form([["title", "x"], ["count", "1"]]))).rejects.toMatchObject({
      digest: "NEXT_HTTP_ERROR_FALLBACK;403",
    });
    // Posted without JavaScript (no Next-Action header): refused, for the page to answer.
    request.headers = new Headers();
    expect(await action({ status: "idle" }, form([["title", "x"], ["count", "1"]]))).toEqual({
      status: "error",
      message: EDITORS_ONLY,
      fieldErrors: {},
      values: {},
    });
    request.headers = new Headers({ "next-action": "abc" });
    expect(read).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it("returns every field's error at once, the form's message and what was posted; runs nothing", async () => {
    guard.editor = EDITOR;
    const run = vi.fn(async () => ({ status: "ok" as const, message: "done" }));
    const action = deskAction({ schema, invalid: (e) => `Nothing was saved (${Object.keys(e).join(", ")}).` }, run);
    const state = await action({ status: "idle" }, form([["title", "  "], ["count", "11"], ["$ACTION_ID_abc", ""]]));
    expect(state).toEqual({
      status: "error",
      message: "Nothing was saved (title, count).",
      fieldErrors: { title: "is required", count: "must be at most 10" },
      values: { title: "  ", count: "11" },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("runs with the parsed data and the editor; a refusal from the run keeps what was posted", async () => {
    guard.editor = EDITOR;
    const run = vi.fn(async (data: { title: string; count: number }) =>
      data.count > 5 ? { status: "error" as const, message: "Too many today." } : { status: "ok" as const, message: `Saved ${data.title}.` },
    );
    const action = deskAction({ schema }, run);
    expect(await action({ status: "idle" }, form([["title", " Ferry "], ["count", "2"]]))).toEqual({ status: "ok", message: "Saved Ferry." });
    expect(run).toHaveBeenLastCalledWith({ title: "Ferry", count: 2 }, EDITOR);
    expect(await action({ status: "idle" }, form([["title", "Ferry"], ["count", "7"]]))).toEqual({
      status: "error",
      message: "Too many today.",
      fieldErrors: {},
      values: { title: "Ferry", count: "7" },
    });
  });

  it("reads a repeated name as a list, and the meter form with its own rules, every field named", async () => {
    expect(formValues(form([["ids", "1"], ["ids", "2"], ["one", "x"]]))).toEqual({ ids: ["1", "2"], one: "x" });
    guard.editor = EDITOR;
    const run = vi.fn(async () => ({ status: "ok" as const, message: "saved" }));
    const action = deskAction(
      { schema: meterFormSchema, invalid: (e) => `Nothing was saved. ${fieldErrorSummary(e, METER_FIELD_LABELS)}` },
      run,
    );
    const state = await action({ status: "idle" }, form([["enabled", "maybe"], ["allowance", "11"], ["period", "weekly"]]));
    expect(state).toMatchObject({
      status: "error",
      message:
        "Nothing was saved. The meter must be on or off. Free articles per period must be at most 10. Period must be a calendar month or the last 30 days.",
      fieldErrors: { enabled: "must be on or off.", allowance: "must be at most 10.", period: "must be a calendar month or the last 30 days." },
    });
    await action({ status: "idle" }, form([["enabled", "on"], ["allowance", " 4 "], ["period", "rolling30"]]));
    expect(run).toHaveBeenCalledWith({ enabled: true, allowance: 4, period: "rolling30" }, EDITOR);
  });
});

describe("formValues", () => {
  it("is a plain object, in which __proto__ is just a field", () => {
    const values = formValues(form([["__proto__", "x"], ["a", "1"]]));
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});
