import "server-only";
import { markSentMany } from "./deliveries";

/** Most rows one statement marks. */
export const MARKS_PER_STATEMENT = 64;

type Waiting = { id: string; done: () => void; failed: (err: unknown) => void };

/**
 * Marks accepted deliveries `sent`, several per statement, the way PostgreSQL groups commits:
 * a mark goes out at once when no statement is on its way, and marks that arrive while one is
 * wait for it and go together in the next. Nothing waits for a batch to fill, so a copy's
 * mark reaches the database about as soon as a statement of its own would have (the window
 * in which a killed worker would send it again stays one round trip or two), while at
 * 1,500 messages a second one statement and one commit carry a dozen copies instead of one.
 *
 * `mark` resolves once the row is committed `sent`; the caller holds the row's lease (and
 * its send job stays open) until then, as it did with one statement per copy.
 */
export class SentMarks {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly write: (ids: string[]) => Promise<void> = markSentPersistently,
    private readonly most = MARKS_PER_STATEMENT,
  ) {}

  mark(id: string): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ id, done, failed });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.most);
        try {
          await this.write(batch.map((w) => w.id));
          for (const w of batch) w.done();
        } catch (err) {
          for (const w of batch) w.failed(err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** Marking "sent" must not be lost to a passing database hiccup: that is what makes a duplicate. */
async function markSentPersistently(ids: string[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await markSentMany(ids);
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

const g = globalThis as { __ledeSentMarks?: SentMarks };

/** This process's marks: the send jobs running side by side share statements. */
export function sentMarks(): SentMarks {
  return (g.__ledeSentMarks ??= new SentMarks());
}
