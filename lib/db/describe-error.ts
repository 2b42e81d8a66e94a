// One clear line for a database that cannot be reached, instead of a stack trace.

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

export function describeDbError(err: unknown, databaseUrl: string | undefined): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.code ?? e?.cause?.code;
  const where = databaseUrl ? `the PostgreSQL server at DATABASE_URL=${redact(databaseUrl)}` : "the embedded PGlite database";
  const reasons: Record<string, string> = {
    ECONNREFUSED: "connection refused (is PostgreSQL running?)",
    ENOTFOUND: "host not found",
    ETIMEDOUT: "connection timed out",
    CONNECT_TIMEOUT: "connection timed out",
    "28P01": "password authentication failed",
    "28000": "authentication rejected",
    "3D000": "database does not exist (create it first)",
  };
  const reason = (code && reasons[code]) ?? (e?.message ?? String(err)).split("\n")[0];
  return `Cannot use ${where}: ${reason}`;
}
