// Shared start/finish for the command-line scripts: one clear line on failure.
import "./load-env";
import { env } from "@/lib/config/env";
import { closeDb } from "@/lib/db/client";
import { describeDbError } from "@/lib/db/describe-error";
import { EmbeddedDatabaseInUse } from "@/lib/db/pglite-lock";

const DB_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "CONNECT_TIMEOUT", "28P01", "28000", "3D000"]);

export function runCli(main: () => Promise<number | void>): void {
  main()
    .then(async (code) => {
      await closeDb();
      process.exit(code ?? 0);
    })
    .catch(async (err) => {
      const e = err as { code?: string; cause?: { code?: string }; message?: string };
      const code = e?.code ?? e?.cause?.code;
      if (err instanceof EmbeddedDatabaseInUse) console.error(err.message);
      else if (code && DB_CODES.has(code)) console.error(describeDbError(err, env.databaseUrl));
      else console.error(`Error: ${e?.message ?? String(err)}`);
      await closeDb().catch(() => {});
      process.exit(1);
    });
}
