// Imported first by every script's entry (through scripts/cli.ts, and scripts/worker.ts):
// .env files as Next reads them, before any module reads the environment.
import envFiles from "@/lib/env-files";

envFiles.loadEnvFiles();
