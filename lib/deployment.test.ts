import { describe, expect, it } from "vitest";
import deployment from "./deployment";

const { embeddedDemo, listenHosts, startProblem } = deployment;

describe("deployment", () => {
  it("is the embedded demo only with neither DATABASE_URL nor EMAIL_SERVER", () => {
    expect(embeddedDemo({})).toBe(true);
    expect(embeddedDemo({ DATABASE_URL: "  " })).toBe(true);
    expect(embeddedDemo({ DATABASE_URL: "postgres://x/y" })).toBe(false);
    expect(embeddedDemo({ EMAIL_SERVER: "smtp://x" })).toBe(false);
  });

  it("listens on loopback only on the embedded demo, unless LEDE_LISTEN_HOST says otherwise", () => {
    expect(listenHosts({})).toEqual(["127.0.0.1", "::1"]);
    expect(listenHosts({ EMAIL_SERVER: "smtp://x" })).toEqual(["0.0.0.0"]);
    expect(listenHosts({ DATABASE_URL: "postgres://x/y", EMAIL_SERVER: "smtp://x" })).toEqual(["0.0.0.0"]);
    expect(listenHosts({ LEDE_LISTEN_HOST: "0.0.0.0" })).toEqual(["0.0.0.0"]);
    expect(listenHosts({ LEDE_LISTEN_HOST: " 127.0.0.1 , 192.0.2.7 " })).toEqual(["127.0.0.1", "192.0.2.7"]);
  });

  it("has no start problem on the embedded demo or a complete production setting", () => {
    expect(startProblem({})).toBeNull();
    expect(startProblem({ EMAIL_SERVER: "smtp://x" })).toBeNull();
    expect(startProblem({ DATABASE_URL: "postgres://x/y", EMAIL_SERVER: "smtp://x", AUTH_SECRET: "s" })).toBeNull();
    expect(startProblem({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: "s" })).toMatch(/^EMAIL_SERVER is required/);
  });

  it("refuses a number that is not written plainly in its range, naming the variable", () => {
    for (const [name, value] of [["LEDE_RENDER_CACHE_ENTRIES", "5k"], ["PORT", "abc"], ["LEDE_CACHE_LEASE_MS", "-4000"], ["LEDE_CACHE_HEARTBEAT_MS", "1e3"], ["PORT", "70000"]]) {
      expect(startProblem({ [name]: value }), `${name}=${value}`).toMatch(new RegExp(`^${name} must be a whole number from \\d+ to \\d+`));
    }
    expect(startProblem({ PORT: "8080", LEDE_RENDER_CACHE_ENTRIES: "20000", LEDE_CACHE_LEASE_MS: " 4000 " })).toBeNull();
  });
});
