"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import type { DigestField } from "@/lib/newsletter/newsletter-input";
import styles from "./newsletter.module.css";
import { SaveActions } from "./save-actions";

type Props = {
  action: DeskAction<DigestField>;
  newsletterId: number;
  timeZone: string;
  digest: { digestOn: boolean; digestDays: number[]; digestTime: string; digestAutoSend: boolean; digestSize: number; digestPinnedIds: number[] };
  /** Published articles an editor may pin (newest first). */
  picks: { id: number; title: string; published: string }[];
};

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
// Monday first, as a week is read here.
const ORDER = [1, 2, 3, 4, 5, 6, 0];

function Error({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p className={styles.error} id={id}>
      {text}
    </p>
  ) : null;
}

/** The digest: on or off, its days and time, whether it waits for approval, its size and pinned articles. */
export function DigestForm({ action, newsletterId, timeZone, digest, picks }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as DeskState<DigestField>);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);
  const on = values ? values.digestOn === "yes" : digest.digestOn;
  const auto = values ? values.digestAutoSend === "yes" : digest.digestAutoSend;
  const days = values ? list(values.digestDays) : digest.digestDays.map(String);
  const pinned = values ? list(values.digestPinnedIds) : digest.digestPinnedIds.map(String);
  const time = typeof values?.digestTime === "string" ? values.digestTime : digest.digestTime;
  const size = typeof values?.digestSize === "string" ? values.digestSize : String(digest.digestSize);
  const k = state.status === "error" ? "e" : "s";
  return (
    <form action={formAction} noValidate data-testid="digest-form">
      <input type="hidden" name="id" value={newsletterId} />
      <div className={styles.field}>
        <label>
          <input type="checkbox" name="digestOn" value="yes" defaultChecked={on} key={`on-${k}-${on}`} /> Make a digest on a schedule
        </label>
      </div>
      <fieldset className={styles.field} aria-describedby={errors.digestDays ? "digest-days-error" : undefined}>
        <legend className={styles.legend}>On these days</legend>
        <div className={styles.actions}>
          {ORDER.map((d) => (
            <label key={d} style={{ fontWeight: 400 }}>
              <input type="checkbox" name="digestDays" value={d} defaultChecked={days.includes(String(d))} key={`d${d}-${k}-${days.join()}`} /> {DAYS[d]}
            </label>
          ))}
        </div>
        <Error id="digest-days-error" text={errors.digestDays} />
      </fieldset>
      <div className={styles.field}>
        <label htmlFor="digest-time">At (24-hour clock, {timeZone})</label>
        <input
          id="digest-time"
          name="digestTime"
          type="text"
          inputMode="numeric"
          maxLength={5}
          size={6}
          defaultValue={time}
          key={`t-${k}-${time}`}
          aria-invalid={errors.digestTime ? true : undefined}
          aria-describedby={errors.digestTime ? "digest-time-error" : undefined}
        />
        <Error id="digest-time-error" text={errors.digestTime} />
      </div>
      <div className={styles.field}>
        <label htmlFor="digest-size">Most read articles, and most joined from, up to</label>
        <input
          id="digest-size"
          name="digestSize"
          type="text"
          inputMode="numeric"
          maxLength={3}
          size={4}
          defaultValue={size}
          key={`n-${k}-${size}`}
          aria-invalid={errors.digestSize ? true : undefined}
          aria-describedby={errors.digestSize ? "digest-size-error" : undefined}
        />
        <Error id="digest-size-error" text={errors.digestSize} />
      </div>
      <div className={styles.field}>
        <label>
          <input type="checkbox" name="digestAutoSend" value="yes" defaultChecked={auto} key={`a-${k}-${auto}`} /> Send it on its own
        </label>
        <p className={styles.hint}>Unticked (the default), each digest waits as a draft until an editor approves it by sending it.</p>
      </div>
      <fieldset className={styles.field} aria-describedby={errors.digestPinnedIds ? "digest-pinned-error" : undefined}>
        <legend className={styles.legend}>Pinned articles (first in every digest while pinned)</legend>
        <ul className={styles.picks}>
          {picks.map((p) => (
            <li key={p.id}>
              <label>
                <input
                  type="checkbox"
                  name="digestPinnedIds"
                  value={p.id}
                  defaultChecked={pinned.includes(String(p.id))}
                  key={`p${p.id}-${k}-${pinned.includes(String(p.id))}`}
                />
                <span>
                  {p.title} <span className={styles.dek}>{p.published}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <Error id="digest-pinned-error" text={errors.digestPinnedIds} />
      </fieldset>
      <SaveActions label={"Save digest"} pending={pending} state={state} />
    </form>
  );
}
