import { describe, expect, it } from "vitest";
import { SentMarks } from "./sent-marks";

/** A write that waits until the test lets it finish, recording what it was given. */
function gatedWrite() {
  const calls: { ids: string[]; finish: (err?: Error) => void }[] = [];
  const write = (ids: string[]) => new Promise<void>((resolve, reject) => calls.push({ ids, finish: (err) => (err ? reject(err) : resolve()) }));
  return { calls, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("sent marks", () => {
  it("writes the first mark at once, and the marks that arrive meanwhile together in the next statement", async () => {
    const { calls, write } = gatedWrite();
    const marks = new SentMarks(write, 64);
    const settled: string[] = [];
    const mark = (id: string) => marks.mark(id).then(() => void settled.push(id));
    const first = mark("1");
    await tick();
    expect(calls.map((c) => c.ids)).toEqual([["1"]]);
    const rest = ["2", "3", "4"].map(mark);
    await tick();
    // Not written yet: the first statement is still on its way, and nothing is settled.
    expect(calls).toHaveLength(1);
    expect(settled).toEqual([]);
    calls[0].finish();
    await first;
    await tick();
    expect(settled).toEqual(["1"]);
    expect(calls.map((c) => c.ids)).toEqual([["1"], ["2", "3", "4"]]);
    calls[1].finish();
    await Promise.all(rest);
    expect(settled).toEqual(["1", "2", "3", "4"]);
  });

  it("puts at most the given number of rows in one statement", async () => {
    const { calls, write } = gatedWrite();
    const marks = new SentMarks(write, 2);
    const all = ["1", "2", "3", "4", "5"].map((id) => marks.mark(id));
    await tick();
    calls[0].finish();
    await tick();
    calls[1].finish();
    await tick();
    calls[2].finish();
    await Promise.all(all);
    expect(calls.map((c) => c.ids)).toEqual([["1"], ["2", "3"], ["4", "5"]]);
  });

  it("a failed statement fails its own marks only, and the next ones still go", async () => {
    const { calls, write } = gatedWrite();
    const marks = new SentMarks(write, 64);
    const first = marks.mark("1");
    await tick();
    const second = marks.mark("2");
    calls[0].finish(new Error("database gone"));
    await expect(first).rejects.toThrow("database gone");
    await tick();
    expect(calls.map((c) => c.ids)).toEqual([["1"], ["2"]]);
    calls[1].finish();
    await expect(second).resolves.toBeUndefined();
  });
});
