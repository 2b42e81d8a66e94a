// Integration: `npm run worker` killed (SIGKILL) in the middle of an issue and started again
// finishes it with every recipient getting exactly one copy. Needs PostgreSQL: the worker
// is a separate process, and the embedded database can be opened by one process only.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { SmtpRecorder, waitUntil } from "@/test/smtp-recorder";
import { article, deliveryCounts, issue, manySubscribers } from "@/test/newsletter";

const ROOT = path.resolve(__dirname, "../../..");
const M = 1200;
const N = 400;

const smtp = new SmtpRecorder();
let smtpUrl = "";
beforeAll(async () => {
  smtpUrl = `smtp://127.0.0.1:${await smtp.start()}`;
});
const database = useTestDatabase();
afterAll(() => smtp.stop());

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url(),
      EMAIL_SERVER: smtpUrl,
      // Short leases so the restarted worker takes over the killed one's rows quickly; not so
      // short that a message sent slowly on a loaded machine outlives its lease (a worker starts
      // one only while half the lease is left, and the other worker may take a row whose lease ran out).
      LEDE_NEWSLETTER_LEASE_SECONDS: "6",
      LEDE_SMTP_CONNECTIONS: "4",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function kill(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

describe.skipIf(!usingPostgres)("a worker killed mid-issue and restarted", () => {
  it(`delivers all ${M} messages, none twice`, async () => {
    const { startSending } = await import("./start");
    const { db } = await import("@/lib/db/client");
    const { newsletterIssues } = await import("@/lib/db/schema");
    const recipients = await manySubscribers(M);
    const id = await issue("Crash-proof issue", [await article("crash", true)]);
    expect(await startSending(id)).toMatchObject({ ok: true });

    // The sink accepts N messages, then stops answering: the worker has messages in
    // flight, unaccepted, when it is killed.
    smtp.holdAfter = N;
    let worker = startWorker();
    try {
      // Generous: the first run compiles the worker's TypeScript cold, on a machine that may be busy.
      await waitUntil(async () => (await deliveryCounts(id)).sent === N, 150_000, `${N} deliveries marked sent`);
      await kill(worker);
      const atKill = await deliveryCounts(id);
      expect(smtp.accepted).toHaveLength(N);
      expect(atKill.sent).toBe(N);
      expect(atKill.sending).toBeGreaterThan(0); // claimed, in flight, never accepted

      smtp.holding = false;
      smtp.holdAfter = Number.POSITIVE_INFINITY;
      worker = startWorker();
      const status = async () => (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)))[0].status;
      await waitUntil(async () => (await status()) === "sent", 150_000, "the issue to be sent");
    } finally {
      await kill(worker);
    }

    expect(smtp.duplicates()).toEqual([]);
    expect(smtp.accepted).toHaveLength(M);
    expect(new Set(smtp.accepted.map((m) => m.to))).toEqual(new Set(recipients));
    expect(await deliveryCounts(id)).toEqual({ sent: M });
  }, 360_000);
});
