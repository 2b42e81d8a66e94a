"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import type { IssueField } from "@/lib/newsletter/issue-input";
import styles from "./newsletter.module.css";

export type PickOption = { id: number; title: string; dek: string; premium: boolean; published: string };

type Props = {
  action: DeskAction<IssueField>;
  picks: PickOption[];
  issue?: { id: number; subject: string; intro: string; articleIds: number[] };
};

const asString = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

/** Compose or edit an issue: subject, a markdown intro and the articles it links to. */
export function IssueForm({ action, picks, issue }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as DeskState<IssueField>);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const subject = asString(values?.subject, issue?.subject ?? "");
  const intro = asString(values?.intro, issue?.intro ?? "");
  const picked = new Set(values ? [values.articleIds ?? []].flat().map(Number) : (issue?.articleIds ?? []));
  return (
    <form action={formAction} noValidate className={styles.panel} data-testid="issue-form">
      {issue && <input type="hidden" name="id" value={issue.id} />}
      <div className={styles.field}>
        <label htmlFor="issue-subject">Subject</label>
        <input
          id="issue-subject"
          name="subject"
          type="text"
          maxLength={200}
          required
          defaultValue={subject}
          key={`subject-${subject}`}
          aria-invalid={errors.subject ? true : undefined}
          aria-describedby={errors.subject ? "issue-subject-error" : undefined}
        />
        {errors.subject && <p className={styles.error} id="issue-subject-error">{errors.subject}</p>}
      </div>
      <div className={styles.field}>
        <label htmlFor="issue-intro">Intro</label>
        <textarea
          id="issue-intro"
          name="intro"
          defaultValue={intro}
          key={`intro-${intro.length}`}
          aria-invalid={errors.intro ? true : undefined}
          aria-describedby={`issue-intro-hint${errors.intro ? " issue-intro-error" : ""}`}
        />
        <p className={styles.hint} id="issue-intro-hint">
          Markdown: a blank line between paragraphs, **bold**, *italic*, [a link](https://…), lines starting with - for a list.
        </p>
        {errors.intro && <p className={styles.error} id="issue-intro-error">{errors.intro}</p>}
      </div>
      <fieldset className={styles.field} aria-describedby={errors.articleIds ? "issue-articles-error" : "issue-articles-hint"}>
        <legend className={styles.legend}>Articles</legend>
        <p className={styles.hint} id="issue-articles-hint">
          Each appears with its headline, dek and a link. Premium articles are marked; their premium text is never in the email.
        </p>
        {errors.articleIds && <p className={styles.error} id="issue-articles-error">{errors.articleIds}</p>}
        {picks.length === 0 ? (
          <p>No published articles yet.</p>
        ) : (
          <ul className={styles.picks}>
            {picks.map((a) => (
              <li key={a.id}>
                <label>
                  <input type="checkbox" name="articleIds" value={a.id} defaultChecked={picked.has(a.id)} />
                  <span>
                    <strong>{a.title}</strong> {a.premium && <span className="premium-badge">Premium</span>}
                    <span className={styles.dek}>
                      {a.published}
                      {a.dek ? ` · ${a.dek}` : ""}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className={styles.actions}>
        <button type="submit" disabled={pending}>
          {issue ? "Save changes" : "Save draft and preview"}
        </button>
        <p role="status" aria-live="polite" className={state.status === "error" ? styles.error : undefined}>
          {pending ? "Saving…" : state.status === "error" ? state.message : ""}
        </p>
      </div>
    </form>
  );
}
