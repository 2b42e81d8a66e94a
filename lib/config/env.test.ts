import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, startProblem } from "./env";

const SECRET = "s".repeat(40);

/** The lines a bad environment stops with. */
function refusal(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof EnvError) return err.lines;
    throw err;
  }
  throw new Error("the environment was accepted");
}

describe("the environment schema", () => {
  it("refuses a number that is not written plainly, naming the variable on one line", () => {
    for (const [name, value] of [
      ["LEDE_RENDER_CACHE_ENTRIES", "5k"],
      ["LEDE_RENDER_CACHE_ENTRIES", "0x10"],
      ["LEDE_RENDER_CACHE_ENTRIES", "1e3"],
      ["LEDE_RENDER_CACHE_ENTRIES", "0"],
      ["PORT", "abc"],
      ["PORT", "70000"],
      ["PORT", "-1"],
      ["LEDE_CACHE_LEASE_MS", "-4000"],
      ["LEDE_CACHE_HEARTBEAT_MS", "1.5"],
      ["LEDE_DB_POOL", "ten"],
    ]) {
      const lines = refusal({ [name]: value });
      expect(lines, `${name}=${value}`).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Invalid environment: ${name} must be a whole number from \\d+ to \\d+`));
      expect(lines[0]).not.toContain("\n");
    }
  });

  it("says every bad variable, one line each", () => {
    const lines = refusal({ PORT: "abc", LEDE_RENDER_CACHE_ENTRIES: "5k" });
    expect(lines.map((l) => l.split(" ")[2])).toEqual(["PORT", "LEDE_RENDER_CACHE_ENTRIES"]);
  });

  it("takes the defaults when a number is unset or empty", () => {
    const e = parseEnv({ PORT: "", LEDE_RENDER_CACHE_ENTRIES: " " });
    expect(e.port).toBe(3000);
    expect(e.renderCache).toEqual({ maxEntries: 5000, heartbeatMs: 1000, leaseMs: 4000 });
    expect(parseEnv({ LEDE_RENDER_CACHE_ENTRIES: "20000", PORT: "8080" })).toMatchObject({ port: 8080, renderCache: { maxEntries: 20000 } });
  });

  it("refuses a lease shorter than two heartbeats: it would run out between renewals", () => {
    expect(refusal({ LEDE_CACHE_HEARTBEAT_MS: "1000", LEDE_CACHE_LEASE_MS: "1500" })[0]).toMatch(/^Invalid environment: LEDE_CACHE_LEASE_MS must be at least twice/);
  });

  it("refuses a build folder outside the project", () => {
    expect(refusal({ LEDE_DIST_DIR: "../elsewhere" })[0]).toMatch(/^Invalid environment: LEDE_DIST_DIR /);
    expect(parseEnv({ LEDE_DIST_DIR: ".next-bench" }).build.distDir).toBe(".next-bench");
  });

  it("is the embedded demo only with neither DATABASE_URL nor EMAIL_SERVER", () => {
    expect(parseEnv({}).embeddedDemo).toBe(true);
    expect(parseEnv({ DATABASE_URL: "  " }).embeddedDemo).toBe(true);
    expect(parseEnv({ DATABASE_URL: "postgres://x/y" }).embeddedDemo).toBe(false);
    expect(parseEnv({ EMAIL_SERVER: "smtp://x" }).embeddedDemo).toBe(false);
  });

  it("listens on loopback only on the embedded demo, unless LEDE_LISTEN_HOST says otherwise", () => {
    expect(parseEnv({}).listenHosts).toEqual(["127.0.0.1", "::1"]);
    expect(parseEnv({ EMAIL_SERVER: "smtp://x" }).listenHosts).toEqual(["0.0.0.0"]);
    expect(parseEnv({ LEDE_LISTEN_HOST: "0.0.0.0" }).listenHosts).toEqual(["0.0.0.0"]);
    expect(parseEnv({ LEDE_LISTEN_HOST: " 127.0.0.1 , 192.0.2.7 " }).listenHosts).toEqual(["127.0.0.1", "192.0.2.7"]);
  });

  it("has no start problem on the embedded demo or a complete production setting", () => {
    expect(startProblem(parseEnv({}))).toBeNull();
    expect(startProblem(parseEnv({ EMAIL_SERVER: "smtp://x" }))).toBeNull();
    expect(startProblem(parseEnv({ DATABASE_URL: "postgres://x/y", EMAIL_SERVER: "smtp://x", AUTH_SECRET: SECRET }))).toBeNull();
    expect(startProblem(parseEnv({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: SECRET }))).toMatch(/^EMAIL_SERVER is required/);
    expect(startProblem(parseEnv({ DATABASE_URL: "postgres://x/y", EMAIL_SERVER: "smtp://x" }))).toMatch(/^AUTH_SECRET is required/);
  });
});
