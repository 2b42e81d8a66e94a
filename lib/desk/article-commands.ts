import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { articles, type Article } from "@/lib/db/schema";
import { upsertArticle } from "@/lib/articles/queries";
import type { ArticleInput } from "@/lib/articles/article-input";
import type { RenderedBody } from "@/lib/articles/render-parts";
import { renderOffThread, RenderTooSlow, tooSlowMessage } from "@/lib/articles/render-pool";
import { formIntent, formPremium, formSlug, parseArticleForm, type ArticleDraft } from "./article-form";
import { recordAudit, type AuditAction } from "./audit";
import type { Editor } from "./guard";
import { awaitDrop, recordDrop, type PendingDrop } from "@/lib/cache/drops";
import { articleChange, type RenderChange } from "@/lib/cache/tags";

/** `onDrop`: told which cached renders a change dropped (for tests). */
export type CommandDeps = { onDrop?: (change: RenderChange) => void };

export type CommandResult =
  | { ok: true; id: number; slug: string; status: Article["status"]; premium: boolean; metered: boolean }
  | { ok: false; error: "invalid"; fieldErrors: Record<string, string> }
  | { ok: false; error: "not_found" };

const NOT_FOUND = { ok: false, error: "not_found" } as const;
const CARD_FIELDS = ["slug", "title", "dek", "author", "image", "premium"] as const;
const CONTENT_FIELDS = ["slug", "title", "dek", "author", "image", "imageCaption", "body"] as const;

function slugTaken(title: string) {
  return { ok: false, error: "invalid", fieldErrors: { slug: `is already used by “${title}”. Choose another.` } } as const;
}

function invalid(fieldErrors: Record<string, string>) {
  return { ok: false, error: "invalid", fieldErrors } as const;
}

function isSlugClash(err: unknown): boolean {
  const e = err as { code?: string; constraint_name?: string; cause?: { code?: string } };
  return (e?.code ?? e?.cause?.code) === "23505";
}

/** The title of the other article that already has this slug, if one does. */
async function slugOwner(tx: Executor, slug: string, id: number | null): Promise<string | null> {
  const [owner] = await tx
    .select({ title: articles.title })
    .from(articles)
    .where(id === null ? eq(articles.slug, slug) : and(eq(articles.slug, slug), ne(articles.id, id)));
  return owner?.title ?? null;
}

async function currentStatus(id: number): Promise<Pick<Article, "status"> | null> {
  const [row] = await db.select({ status: articles.status }).from(articles).where(eq(articles.id, id));
  return row ?? null;
}

async function lockArticle(tx: Executor, id: number): Promise<Article | null> {
  const [row] = await tx.select().from(articles).where(eq(articles.id, id)).for("update");
  return row ?? null;
}

function auditActions(before: Article | null, after: ArticleInput): AuditAction[] {
  if (!before) {
    const made: AuditAction[] = after.premium && !after.metered ? ["created", "members_only"] : ["created"];
    return after.status === "published" ? [...made, "published"] : made;
  }
  const out: AuditAction[] = [];
  if (CONTENT_FIELDS.some((f) => (before[f] ?? null) !== (after[f] ?? null))) out.push("edited");
  if (before.premium !== after.premium) out.push(after.premium ? "premium_on" : "premium_off");
  // Not a card change: only the article's own pages show whether the meter counts it.
  if (before.metered !== after.metered) out.push(after.metered ? "metered_on" : "members_only");
  if (before.status !== after.status) out.push(after.status === "published" ? "published" : "unpublished");
  return out;
}

/** A body rendered before the transaction, used when the article to write has that body. */
type Prerendered = { body: string; premium: boolean; rendered: RenderedBody };

/** What a command's `next` may answer instead of the article to write: why it will not. */
type Refusal = { refused: Record<string, string> };

/**
 * One write of an article from the desk: through upsertArticle, with its audit entries
 * and the drop of the cached renders that showed it, in one transaction. It answers
 * once every web process has dropped them (lib/cache/drops.ts).
 */
async function writeArticle(
  editor: Editor,
  id: number | null,
  next: (before: Article | null) => ArticleInput | Refusal | null,
  deps: CommandDeps,
  pre?: Prerendered,
): Promise<CommandResult> {
  let drop: { change: RenderChange; pending: PendingDrop } | null = null;
  let result: CommandResult;
  try {
    result = await db.transaction(async (tx): Promise<CommandResult> => {
      const before = id === null ? null : await lockArticle(tx, id);
      if (id !== null && !before) return NOT_FOUND;
      const input = next(before);
      if (!input) return NOT_FOUND;
      if ("refused" in input) return invalid(input.refused);
      const owner = await slugOwner(tx, input.slug, id);
      // The form's body was rendered before the transaction (off the event loop, never
      // holding the row); a switch's stored body is rendered here, the same way.
      const rendered = pre && pre.body === input.body && pre.premium === input.premium ? pre.rendered : await renderOffThread(input.body, input.premium);
      // Checked before "nothing changed": a published premium article without a valid
      // split (stored under an older rule) is never confirmed as fine.
      const unsplit = input.premium && input.status === "published" ? rendered.splitProblem : null;
      if (owner || unsplit) return invalid({ ...(owner && slugTaken(owner).fieldErrors), ...(unsplit && { body: unsplit }) });
      const done = { ok: true, slug: input.slug, status: input.status, premium: input.premium, metered: input.metered } as const;
      const actions = auditActions(before, input);
      // Nothing changed (a second click on the same switch): nothing to write or expire.
      if (before && actions.length === 0) return { ...done, id: before.id };
      const saved = await upsertArticle(input, tx, id === null ? { by: "insert" } : { by: "id", id }, rendered.parts);
      await recordAudit(tx, editor, { id: saved.id, slug: input.slug, title: input.title }, actions);
      const cardChanged = !before || CARD_FIELDS.some((f) => (before[f] ?? null) !== (input[f] ?? null));
      const change = articleChange(before, input, cardChanged);
      drop = { change, pending: await recordDrop(tx, change) };
      return { ...done, id: saved.id };
    });
  } catch (err) {
    // Two editors claiming one slug at the same moment: the unique index decides.
    if (isSlugClash(err)) return slugTaken("another article");
    if (err instanceof RenderTooSlow) return invalid({ body: tooSlowMessage(err) });
    throw err;
  }
  if (drop) await dropped(drop, deps);
  return result;
}

async function dropped(drop: { change: RenderChange; pending: PendingDrop }, deps: CommandDeps): Promise<void> {
  if (drop.pending.tags.length === 0) return;
  await awaitDrop(drop.pending);
  deps.onDrop?.(drop.change);
}

function fromDraft(draft: ArticleDraft, before: Article | null, status: Article["status"]): ArticleInput {
  const publishing = status === "published" && before?.status !== "published";
  const metered = draft.metered ?? before?.metered ?? true;
  return { ...draft, metered, status, publishedAt: publishing || !before ? new Date() : before.publishedAt };
}

function asInput(a: Article): ArticleInput {
  const { slug, title, dek, author, publishedAt, premium, metered, status, image, imageCaption, body } = a;
  return { slug, title, dek, author, publishedAt, premium, metered, status, image, imageCaption, body };
}

/** The editor form: create (id null) or update, and publish or unpublish when asked. */
export async function saveArticle(
  editor: Editor,
  id: number | null,
  fields: Record<string, string>,
  deps: CommandDeps = {},
): Promise<CommandResult> {
  const form = parseArticleForm(fields);
  const intent = formIntent(fields);
  const statusAfter = (before: Pick<Article, "status"> | null): Article["status"] =>
    intent === "publish" ? "published" : intent === "unpublish" ? "draft" : (before?.status ?? "draft");
  if (!form.ok) {
    // Name a slug clash and an unsplittable body too, so the editor fixes everything in one go.
    const owner = form.fieldErrors.slug ? null : await slugOwner(db, formSlug(fields), id);
    const status = statusAfter(id === null ? null : await currentStatus(id));
    const premium = formPremium(fields);
    let body: string | null = null;
    if (!form.fieldErrors.body && premium && status === "published") {
      try {
        body = (await renderOffThread(fields.body ?? "", premium)).splitProblem;
      } catch (err) {
        if (!(err instanceof RenderTooSlow)) throw err;
        body = tooSlowMessage(err);
      }
    }
    return invalid({ ...form.fieldErrors, ...(owner && slugTaken(owner).fieldErrors), ...(body && { body }) });
  }
  // Rendered before the transaction, off the event loop: a huge paste holds neither the
  // server nor the article's row while it renders (lib/articles/render-pool.ts).
  let pre: Prerendered;
  try {
    pre = { body: form.draft.body, premium: form.draft.premium, rendered: await renderOffThread(form.draft.body, form.draft.premium) };
  } catch (err) {
    if (err instanceof RenderTooSlow) return invalid({ body: tooSlowMessage(err) });
    throw err;
  }
  return writeArticle(editor, id, (before) => fromDraft(form.draft, before, statusAfter(before)), deps, pre);
}

/** The one-click premium switch of the article list. */
export async function setPremium(editor: Editor, id: number, premium: boolean, deps: CommandDeps = {}) {
  return writeArticle(editor, id, (before) => before && { ...asInput(before), premium }, deps);
}

/**
 * The one-click switch of a premium article: counted by the meter (metered), or members
 * only (always gated). A free article is refused: the meter only counts premium ones.
 */
export async function setMetered(editor: Editor, id: number, metered: boolean, deps: CommandDeps = {}) {
  return writeArticle(
    editor,
    id,
    (before) => {
      if (!before) return null;
      if (!before.premium) return { refused: { metered: "applies to premium articles only: make this one premium first" } };
      return { ...asInput(before), metered };
    },
    deps,
  );
}

/** Publish or unpublish without other changes. */
export async function setStatus(editor: Editor, id: number, status: Article["status"], deps: CommandDeps = {}) {
  return writeArticle(editor, id, (before) => before && fromDraft(asInput(before), before, status), deps);
}

/** Deletes an article; its audit trail (and its readers' accounts) stay. */
export async function deleteArticle(editor: Editor, id: number, deps: CommandDeps = {}): Promise<CommandResult> {
  const gone = await db.transaction(async (tx) => {
    const before = await lockArticle(tx, id);
    if (!before) return null;
    await tx.delete(articles).where(eq(articles.id, id));
    await recordAudit(tx, editor, before, ["deleted"]);
    const change = articleChange(before, null, true);
    return { before, drop: { change, pending: await recordDrop(tx, change) } };
  });
  if (!gone) return NOT_FOUND;
  await dropped(gone.drop, deps);
  const { before: removed } = gone;
  return { ok: true, id: removed.id, slug: removed.slug, status: removed.status, premium: removed.premium, metered: removed.metered };
}
