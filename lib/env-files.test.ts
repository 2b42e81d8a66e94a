// .env files are read as Next reads them: the first file to set a variable wins, and a
// variable the process already has wins over every file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-env-"));
fs.writeFileSync(path.join(dir, ".env"), "SITE_NAME=From dot env\nEDITOR_EMAILS=base@example.com\nPORT=3100\n");
fs.writeFileSync(path.join(dir, ".env.local"), "SITE_NAME=From local\n");
fs.writeFileSync(path.join(dir, ".env.production"), "EDITOR_EMAILS=prod@example.com\n");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What a fresh process sees after loadEnvFiles(dir), given its own environment. */
function loaded(NODE_ENV: "production" | "test", own: Record<string, string> = {}): Record<string, string | undefined> {
  const script = `require(${JSON.stringify(path.resolve(__dirname, "env-files.js"))}).loadEnvFiles(${JSON.stringify(dir)});
const { SITE_NAME, EDITOR_EMAILS, PORT } = process.env; console.log(JSON.stringify({ SITE_NAME, EDITOR_EMAILS, PORT }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { env: { PATH: process.env.PATH ?? "", NODE_ENV, ...own }, encoding: "utf8" }));
}

describe("loadEnvFiles", () => {
  it("reads .env.local over .env.production over .env, as next start does", () => {
    expect(loaded("production")).toEqual({ SITE_NAME: "From local", EDITOR_EMAILS: "prod@example.com", PORT: "3100" });
  });

  it("never overrides a variable already set", () => {
    expect(loaded("production", { PORT: "4000", SITE_NAME: "Set" })).toMatchObject({ SITE_NAME: "Set", PORT: "4000" });
  });

  it("skips .env.local under NODE_ENV=test, and every file once skipEnvFiles marked the environment", () => {
    expect(loaded("test").SITE_NAME).toBe("From dot env");
    expect(loaded("production", { __NEXT_PROCESSED_ENV: "true" })).toEqual({});
  });
});
