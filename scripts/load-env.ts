// Imported first by every script's entry (through scripts/cli.ts, and scripts/worker.ts):
// .env files as Next reads them, then the one schema (lib/config/env.ts): a bad variable
// stops the script with one line naming it, before any module reads the environment.
import path from "node:path";
import envFiles from "@/lib/env-files";
import { envOrExit } from "@/lib/config/env";

/** How a script names itself; `npm start` (scripts/start.mjs) adds no line to exit 78. */
const ENTRIES: Record<string, { who: string; exitCode: number }> = {
  "prepare.ts": { who: "npm start", exitCode: 78 },
  "worker.ts": { who: "npm run worker", exitCode: 1 },
};

envFiles.loadEnvFiles();
const entry = ENTRIES[path.basename(process.argv[1] ?? "")] ?? { who: "Lede", exitCode: 1 };
envOrExit(process.env, entry.who, false, entry.exitCode);
