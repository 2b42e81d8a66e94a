import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_TOOLS, missingBuildTools, missingToolsMessage } from "./build-tools.mjs";

describe("npm start's build tools", () => {
  it("are all found in a full install, and none is reported", () => {
    const root = path.resolve(__dirname, "..");
    expect(missingBuildTools(root)).toEqual([]);
    expect(missingToolsMessage(root)).toBeNull();
  });

  it("missing (an install that left out devDependencies) are named in one line with the command that installs them", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lede-tools-"));
    try {
      fs.mkdirSync(path.join(root, "node_modules", "esbuild"), { recursive: true });
      fs.writeFileSync(path.join(root, "node_modules", "esbuild", "package.json"), "{}");
      expect(missingBuildTools(root)).toEqual(BUILD_TOOLS.filter((t) => t !== "esbuild"));
      const message = missingToolsMessage(root)!;
      expect(message).toContain("tsx, typescript are not installed");
      expect(message).toContain("npm ci --include=dev");
      expect(message.split("\n")).toHaveLength(1);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
