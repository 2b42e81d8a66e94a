// JSON lines with the request id of the request that caused them, no email address, and no
// line per request in a flood.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import logger from "./logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  (globalThis as Record<symbol, unknown>)[logger.KEY] = logger.create({ LEDE_LOG_LEVEL: "info" }, stream);
  return lines;
}

describe("the log", () => {
  it("reads its level and format from the environment", () => {
    expect(logger.logSettings({})).toEqual({ level: "info", format: "json" });
    expect(logger.logSettings({ NODE_ENV: "development" }).format).toBe("pretty");
    expect(() => logger.logSettings({ LEDE_LOG_LEVEL: "loud" })).toThrow(/LEDE_LOG_LEVEL/);
  });

  it("puts the request id on every line a request causes, also after an await", async () => {
    const lines = capture();
    await logger.withRequestId("r-1", async () => {
      logger.log("server").info("first");
      await new Promise((r) => setTimeout(r, 1));
      logger.log().warn("second");
    });
    logger.log().info("outside");
    expect(lines.map((l) => [l.msg, l.req, l.level])).toEqual([
      ["first", "r-1", "info"],
      ["second", "r-1", "warn"],
      ["outside", undefined, "info"],
    ]);
    expect(lines[0].component).toBe("server");
  });

  it("sends console lines through it, their [part] as component, email addresses scrubbed", () => {
    const lines = capture();
    const target = { ...console };
    logger.bridgeConsole(target);
    logger.withRequestId("r-2", () => target.error("[mail] delivery to Reader.One+x@Example.org failed (%s)", "temporary"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", component: "mail", req: "r-2", msg: "delivery to [email] failed (temporary)" });
  });

  it("redacts fields that could hold personal data or secrets", () => {
    const lines = capture();
    logger.log().info({ email: "a@b.co", token: "abc", user: { email: "c@d.co" } }, "fields");
    expect(JSON.stringify(lines[0])).not.toMatch(/a@b\.co|abc|c@d\.co/);
  });

  it("writes a flood's line a few times a window, then says how many it held back", () => {
    const lines = capture();
    const t0 = 1_000_000;
    for (let i = 0; i < 1000; i++) logger.throttled("refused", "warn", "body too large", {}, { limit: 3, windowMs: 60_000 }, t0 + i);
    expect(lines).toHaveLength(3);
    logger.throttled("refused", "warn", "body too large", {}, { limit: 3, windowMs: 60_000 }, t0 + 60_000);
    expect(lines).toHaveLength(4);
    expect(lines[3].heldBack).toBe(997);
  });
});
