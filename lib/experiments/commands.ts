import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import type { WallVariant } from "@/lib/db/schema";
import type { Editor } from "@/lib/desk/guard";
import { METER_SETTING_KEY, meterSettingsSchema } from "@/lib/meter/settings";
import { awaitDrop, recordDrop } from "@/lib/cache/drops";
import { GATE_SETTING_KEY } from "./gate-copy";

// Starting and ending a wall experiment: written with who did it, and every cached page
// dropped in every process before the desk answers (each variant is a render of every
// premium article, and the running experiment is kept in memory until that drop).

export type StartResult = { ok: true; id: number } | { ok: false; message: string };

/** Starts an experiment with 2–4 variants; refused while another runs. */
export async function startExperiment(editor: Editor, name: string, variants: WallVariant[]): Promise<StartResult> {
  if (variants.length < 2 || variants.length > 4) return { ok: false, message: "An experiment needs two to four variants." };
  const started = await db.transaction(async (tx) => {
    // The unique index on the running experiment makes a second start fail; asked first for a plain answer.
    const running = rowsOf(await tx.execute(sql`SELECT id FROM wall_experiment WHERE status = 'running' FOR UPDATE`));
    if (running.length > 0) return null;
    const [row] = rowsOf<{ id: number }>(
      await tx.execute(sql`
        INSERT INTO wall_experiment (name, variants, started_by)
        VALUES (${name}, ${JSON.stringify(variants)}::jsonb, ${editor.email}) RETURNING id`),
    );
    await tx.execute(sql`
      INSERT INTO setting_change (actor_id, actor_email, key, before, after)
      VALUES (${editor.userId}, ${editor.email}, 'wall-experiment', NULL, ${JSON.stringify({ started: row.id, name, variants: variants.length })}::jsonb)`);
    return { id: row.id, drop: await recordDrop(tx, { slugs: [], lists: false, everything: true }) };
  }).catch((err: { code?: string; cause?: { code?: string } }) => {
    if ((err.code ?? err.cause?.code) === "23505") return null; // raced by another start
    throw err;
  });
  if (!started) return { ok: false, message: "An experiment is already running: end it first." };
  await awaitDrop(started.drop);
  return { ok: true, id: started.id };
}

export type EndResult = { ok: true } | { ok: false; message: string };

/**
 * Ends the running experiment `id`, keeping variant `winner`: its words become the gate
 * every reader gets, and its free reads (when it set some) the meter's allowance.
 */
export async function endExperiment(editor: Editor, id: number, winner: number): Promise<EndResult> {
  const ended = await db.transaction(async (tx) => {
    const [row] = rowsOf<{ variants: WallVariant[] | string }>(
      await tx.execute(sql`SELECT variants FROM wall_experiment WHERE id = ${id} AND status = 'running' FOR UPDATE`),
    );
    if (!row) return "gone" as const;
    const variants: WallVariant[] = typeof row.variants === "string" ? JSON.parse(row.variants) : row.variants;
    const kept = variants[winner];
    if (!Number.isInteger(winner) || !kept) return "bad" as const;
    await tx.execute(sql`UPDATE wall_experiment SET status = 'ended', ended_at = now(), ended_by = ${editor.email}, winner = ${winner} WHERE id = ${id}`);
    const copy = { heading: kept.heading, sentence: kept.sentence, button: kept.button };
    await setSetting(tx, editor, GATE_SETTING_KEY, copy);
    if (kept.allowance !== null) {
      const [meter] = rowsOf<{ value: unknown }>(await tx.execute(sql`SELECT value FROM site_setting WHERE key = ${METER_SETTING_KEY} FOR UPDATE`));
      const current = meterSettingsSchema.safeParse(meter?.value);
      if (current.success && current.data.allowance !== kept.allowance) {
        await setSetting(tx, editor, METER_SETTING_KEY, { ...current.data, allowance: kept.allowance }, current.data);
      }
    }
    await tx.execute(sql`
      INSERT INTO setting_change (actor_id, actor_email, key, before, after)
      VALUES (${editor.userId}, ${editor.email}, 'wall-experiment', NULL, ${JSON.stringify({ ended: id, winner })}::jsonb)`);
    return recordDrop(tx, { slugs: [], lists: false, everything: true });
  });
  if (ended === "gone") return { ok: false, message: "That experiment is no longer running." };
  if (ended === "bad") return { ok: false, message: "Choose one of the experiment's variants to keep." };
  await awaitDrop(ended);
  return { ok: true };
}

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

async function setSetting(tx: Tx, editor: Editor, key: string, value: unknown, before?: unknown) {
  const [old] = before === undefined ? rowsOf<{ value: unknown }>(await tx.execute(sql`SELECT value FROM site_setting WHERE key = ${key}`)) : [{ value: before }];
  await tx.execute(sql`
    INSERT INTO site_setting (key, value) VALUES (${key}, ${JSON.stringify(value)}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`);
  await tx.execute(sql`
    INSERT INTO setting_change (actor_id, actor_email, key, before, after)
    VALUES (${editor.userId}, ${editor.email}, ${key}, ${old?.value === undefined ? null : JSON.stringify(old.value)}::jsonb, ${JSON.stringify(value)}::jsonb)`);
}
