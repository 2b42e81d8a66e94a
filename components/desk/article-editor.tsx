"use client";

import { useActionState, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { saveArticleForm } from "@/app/desk/articles/actions";
import { slugify } from "@/lib/articles/article-input";
import { GATE_MARKER, splitLede, type LedeSplit } from "@/lib/articles/teaser";
import type { DeskState } from "@/lib/desk/action";
import { ArticleField } from "./article-field";
import { postedText, useFocusFirstError } from "./form-state";
import { MeterChoice } from "@/components/meter/meter-choice";
import { freePartNote } from "./free-part-note";
import { bodyProblem } from "@/lib/articles/body-limits";

export type EditableArticle = {
  id: number | null;
  title: string;
  slug: string;
  dek: string;
  author: string;
  image: string;
  imageCaption: string;
  body: string;
  premium: boolean;
  /** For a premium article: counted by the meter, or (false) members only. */
  metered: boolean;
  status: "published" | "draft";
};

// The free-part line follows the body once typing pauses, so a screen reader is not read
// every keystroke.
const NOTE_DELAY_MS = 400;

/** The form's text as saved, or as posted when the save was refused. */
function shown(article: EditableArticle, state: DeskState): EditableArticle {
  if (state.status !== "error") return article;
  const v = (name: keyof EditableArticle) => postedText(state, name) ?? "";
  const metered = state.values.metered === "metered" ? true : state.values.metered === "members" ? false : article.metered;
  const [title, slug, dek, author, image, imageCaption, body] = (["title", "slug", "dek", "author", "image", "imageCaption", "body"] as const).map(v);
  return { ...article, title, slug, dek, author, image, imageCaption, body, premium: state.values.premium !== undefined, metered };
}

/**
 * The article form, a server action (app/desk/articles/actions.ts) that works without
 * JavaScript too: a save goes to the article's page with the notice; a refused one comes
 * back with every field error next to its field (the first one focused when JavaScript
 * runs) and what was typed kept. Under the body, a line says where the free part ends:
 * rendered on the server from the saved body, then kept up with typing.
 */
export function ArticleEditor({ article: saved, meterOn, savedSplit = null }: { article: EditableArticle; meterOn: boolean; savedSplit?: LedeSplit | null }) {
  const [state, formAction, pending] = useActionState(saveArticleForm, { status: "idle" });
  const article = shown(saved, state);
  const formRef = useRef<HTMLFormElement>(null);
  const slugRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [slugTouched, setSlugTouched] = useState(article.id !== null);
  const errors: Record<string, string | undefined> = state.status === "error" ? state.fieldErrors : {};
  // The gate marker's own line, until the next answer of the form.
  const [gateNote, setGateNote] = useState<{ text: string; tone: "ok" | "error"; after: DeskState } | null>(null);
  const [noteBody, setNoteBody] = useState(article.body);
  const [premium, setPremium] = useState(article.premium);
  useFocusFirstError(formRef, state);
  // Without JavaScript the meter choice stays usable whatever the Premium box says.
  // False in the server's HTML, true once hydrated, without a second render from an effect.
  const hydrated = useSyncExternalStore(subscribeToNothing, isClient, isServer);
  const noteTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // A paste too deep or too long says so here, before the split (or the save) would parse it.
  // The server never parses a body here, on the request's thread: the page worked out the
  // saved body's split in the render worker; a body sent back by a refused save (no
  // JavaScript) gets its line from the browser's script, or none.
  const note = useMemo(() => {
    const problem = bodyProblem(noteBody);
    if (problem) return `This body cannot be saved: it ${problem}`;
    if (!hydrated) return savedSplit && noteBody === saved.body ? freePartNote(savedSplit, premium, article.status) : "";
    return freePartNote(splitLede(noteBody), premium, article.status);
  }, [noteBody, premium, article.status, hydrated, savedSplit, saved.body]);
  useEffect(() => () => clearTimeout(noteTimer.current), []);

  function onBody(value: string) {
    clearTimeout(noteTimer.current);
    noteTimer.current = setTimeout(() => setNoteBody(value), NOTE_DELAY_MS);
  }

  function onTitle(title: string) {
    if (!slugTouched && slugRef.current) slugRef.current.value = slugify(title);
  }

  function insertGate() {
    const body = bodyRef.current;
    if (!body) return;
    const already = body.value.includes(GATE_MARKER);
    body.setRangeText(`\n\n${GATE_MARKER}\n\n`, body.selectionStart, body.selectionEnd, "end");
    body.focus();
    onBody(body.value);
    setGateNote({
      text: already
        ? "Gate marker inserted. The body already had one: only the first counts, so remove the other."
        : "Gate marker inserted: readers see the text above it free.",
      tone: already ? "error" : "ok",
      after: state,
    });
  }

  const status =
    pending ? { text: "Saving…", tone: "ok" as const }
    : gateNote?.after === state ? gateNote
    : state.status === "error" ? { text: state.message, tone: "error" as const }
    : null;
  const draft = article.status === "draft";
  return (
    <form ref={formRef} action={formAction} noValidate className="editor" data-testid="article-editor">
      {article.id !== null && <input type="hidden" name="id" value={article.id} />}
      <ArticleField name="title" label="Title" error={errors.title}>
        {(p) => <input {...p} type="text" defaultValue={article.title} required maxLength={300} onChange={(e) => onTitle(e.target.value)} />}
      </ArticleField>
      <ArticleField name="slug" label="Slug" error={errors.slug} hint="The address: /articles/slug. Made from the title until you change it.">
        {(p) => <input {...p} ref={slugRef} type="text" defaultValue={article.slug} maxLength={120} onChange={() => setSlugTouched(true)} spellCheck={false} />}
      </ArticleField>
      <ArticleField name="dek" label="Dek" error={errors.dek} hint="The line under the headline.">
        {(p) => <textarea {...p} rows={2} defaultValue={article.dek} maxLength={600} />}
      </ArticleField>
      <ArticleField name="author" label="Author" error={errors.author}>
        {(p) => <input {...p} type="text" defaultValue={article.author} maxLength={200} />}
      </ArticleField>
      <ArticleField name="image" label="Hero image URL" error={errors.image} hint="https://… or a path under public/, like /images/harbour.svg">
        {(p) => <input {...p} type="text" inputMode="url" defaultValue={article.image} maxLength={2000} />}
      </ArticleField>
      <ArticleField name="imageCaption" label="Image caption" error={errors.imageCaption}>
        {(p) => <input {...p} type="text" defaultValue={article.imageCaption} maxLength={600} />}
      </ArticleField>
      <ArticleField
        name="body"
        label="Body (Markdown)"
        error={errors.body}
        hint={`Text above a ${GATE_MARKER} line is free for everyone; below it, members only when Premium is on. Without a marker the first two blocks (paragraphs, lists, quotes, headings…) are free, never more than half of them.`}
        note={{ text: note, testId: "free-part" }}
      >
        {(p) => (
          <textarea
            {...p}
            ref={bodyRef}
            rows={22}
            defaultValue={article.body}
            className="body-input"
            spellCheck
            onChange={(e) => onBody(e.target.value)}
          />
        )}
      </ArticleField>
      <p className="editor-tools">
        <button type="button" className="secondary" onClick={insertGate}>
          Insert gate marker
        </button>
      </p>
      <div className="check">
        <input
          id="article-premium"
          name="premium"
          type="checkbox"
          defaultChecked={article.premium}
          onChange={(e) => setPremium(e.target.checked)}
        />
        <label htmlFor="article-premium">Premium: anonymous readers see the free part and the join gate</label>
      </div>
      <MeterChoice metered={article.metered} disabled={hydrated && !premium} meterOn={meterOn} error={errors.metered} />
      <div className="editor-actions">
        <button type="submit" name="intent" value="save" className={draft ? "secondary" : undefined} disabled={pending}>
          {draft ? "Save draft" : "Save changes"}
        </button>
        {draft ? (
          <button type="submit" name="intent" value="publish" disabled={pending}>
            Publish
          </button>
        ) : (
          <button type="submit" name="intent" value="unpublish" className="secondary" disabled={pending}>
            Unpublish
          </button>
        )}
      </div>
      <p className={`status${status?.tone === "error" ? " error" : ""}`} role="status" aria-live="polite" data-testid="editor-status">
        {status?.text}
      </p>
    </form>
  );
}

const subscribeToNothing = () => () => {};
const isClient = () => true;
const isServer = () => false;
