"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import type { IssueField } from "@/lib/newsletter/issue-input";
import styles from "./newsletter.module.css";
import { SaveActions } from "./save-actions";

export type PickOption = { id: number; title: string; dek: string; premium: boolean; published: string };

type IssueValues = {
  id: number;
  newsletterId: number;
  subject: string;
  subjectB: string | null;
  samplePercent: number;
  testWaitMinutes: number;
  intro: string;
  articleIds: number[];
};

type Props = {
  action: DeskAction<IssueField>;
  picks: PickOption[];
  /** The newsletters an issue may go to (not archived); the first is chosen unless one is named. */
  newsletters: { id: number; name: string }[];
  /** A new issue's newsletter (?newsletter= on the compose page). */
  newsletterId?: number;
  issue?: IssueValues;
};

const asString = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

/** Compose or edit an issue: subject, a markdown intro and the articles it links to. */
export function IssueForm({ action, picks, newsletters, newsletterId, issue }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as DeskState<IssueField>);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const subject = asString(values?.subject, issue?.subject ?? "");
  const intro = asString(values?.intro, issue?.intro ?? "");
  const picked = new Set(values ? [values.articleIds ?? []].flat().map(Number) : (issue?.articleIds ?? []));
  const chosen = asString(values?.newsletterId, String(issue?.newsletterId ?? newsletterId ?? newsletters[0]?.id ?? ""));
  const subjectB = asString(values?.subjectB, issue?.subjectB ?? "");
  const sample = asString(values?.samplePercent, String(issue?.samplePercent ?? 10));
  const wait = asString(values?.testWaitMinutes, String(issue?.testWaitMinutes ?? 60));
  const numberField = (name: "samplePercent" | "testWaitMinutes", label: string, value: string, min: number, max: number) => (
    <div className={styles.field}>
      <label htmlFor={`issue-${name}`}>{label}</label>
      <input
        id={`issue-${name}`}
        name={name}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        defaultValue={value}
        key={`${name}-${value}`}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `issue-${name}-error` : undefined}
      />
      {errors[name] && (
        <p className={styles.error} id={`issue-${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  );
  return (
    <form action={formAction} noValidate className={styles.panel} data-testid="issue-form">
      {issue && <input type="hidden" name="id" value={issue.id} />}
      <div className={styles.field}>
        <label htmlFor="issue-newsletter">Newsletter</label>
        <select
          id="issue-newsletter"
          name="newsletterId"
          defaultValue={chosen}
          key={`newsletter-${chosen}`}
          aria-invalid={errors.newsletterId ? true : undefined}
          aria-describedby={errors.newsletterId ? "issue-newsletter-error" : "issue-newsletter-hint"}
        >
          {newsletters.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </select>
        <p className={styles.hint} id="issue-newsletter-hint">
          The issue goes to this newsletter&apos;s subscribers only.
        </p>
        {errors.newsletterId && (
          <p className={styles.error} id="issue-newsletter-error">
            {errors.newsletterId}
          </p>
        )}
      </div>
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
      <details className={styles.field} open={subjectB !== "" || Boolean(errors.subjectB || errors.samplePercent || errors.testWaitMinutes)}>
        <summary>Test a second subject</summary>
        <p className={styles.hint}>
          Each subject goes to a sample of the list; after the wait, the rest gets the subject whose copies brought more
          visits to the site per copy delivered (counted from the issue&apos;s own links, no tracking pixel). With no clear
          winner the first subject goes.
        </p>
        <div className={styles.field}>
          <label htmlFor="issue-subjectB">Second subject</label>
          <input
            id="issue-subjectB"
            name="subjectB"
            type="text"
            maxLength={200}
            defaultValue={subjectB}
            key={`subjectB-${subjectB}`}
            aria-invalid={errors.subjectB ? true : undefined}
            aria-describedby={errors.subjectB ? "issue-subjectB-error" : undefined}
          />
          {errors.subjectB && (
            <p className={styles.error} id="issue-subjectB-error">
              {errors.subjectB}
            </p>
          )}
        </div>
        {numberField("samplePercent", "Each sample (% of the list)", sample, 1, 45)}
        {numberField("testWaitMinutes", "Wait before sending the rest (minutes)", wait, 1, 2880)}
      </details>
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
      <SaveActions label={issue ? "Save changes" : "Save draft and preview"} pending={pending} state={state} />
    </form>
  );
}
