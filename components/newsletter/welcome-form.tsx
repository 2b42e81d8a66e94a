"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import type { WelcomeField } from "@/lib/newsletter/newsletter-input";
import styles from "./newsletter.module.css";
import { SaveActions } from "./save-actions";

type Props = {
  action: DeskAction<WelcomeField>;
  newsletterId: number;
  welcome: { welcomeOn: boolean; welcomeSubject: string; welcomeBody: string };
};

const asString = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

/** The welcome mail: on or off, its subject and its Markdown, like an issue's intro. */
export function WelcomeForm({ action, newsletterId, welcome }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as DeskState<WelcomeField>);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const on = values ? values.welcomeOn === "yes" : welcome.welcomeOn;
  const subject = asString(values?.welcomeSubject, welcome.welcomeSubject);
  const body = asString(values?.welcomeBody, welcome.welcomeBody);
  return (
    <form action={formAction} noValidate data-testid="welcome-form">
      <input type="hidden" name="id" value={newsletterId} />
      <div className={styles.field}>
        <label>
          <input type="checkbox" name="welcomeOn" value="yes" defaultChecked={on} key={`on-${on}`} /> Send it to each new subscriber
          once they confirm
        </label>
      </div>
      <div className={styles.field}>
        <label htmlFor="welcome-subject">Welcome subject</label>
        <input
          id="welcome-subject"
          name="welcomeSubject"
          type="text"
          maxLength={200}
          defaultValue={subject}
          key={`subject-${subject}`}
          aria-invalid={errors.welcomeSubject ? true : undefined}
          aria-describedby={errors.welcomeSubject ? "welcome-subject-error" : undefined}
        />
        {errors.welcomeSubject && (
          <p className={styles.error} id="welcome-subject-error">
            {errors.welcomeSubject}
          </p>
        )}
      </div>
      <div className={styles.field}>
        <label htmlFor="welcome-body">Welcome message</label>
        <textarea
          id="welcome-body"
          name="welcomeBody"
          defaultValue={body}
          key={`body-${body.length}`}
          aria-invalid={errors.welcomeBody ? true : undefined}
          aria-describedby={`welcome-body-hint${errors.welcomeBody ? " welcome-body-error" : ""}`}
        />
        <p className={styles.hint} id="welcome-body-hint">
          Markdown, as in an issue&apos;s intro. It goes out once per reader, with a one-click link to leave this newsletter.
        </p>
        {errors.welcomeBody && (
          <p className={styles.error} id="welcome-body-error">
            {errors.welcomeBody}
          </p>
        )}
      </div>
      <SaveActions label={"Save welcome"} pending={pending} state={state} />
    </form>
  );
}
