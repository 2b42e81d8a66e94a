// Progressive enhancement for Lede's plain-POST forms: with JavaScript the same
// endpoint answers JSON, and the page updates in place.

export type JsonAnswer = {
  ok: boolean;
  status: number;
  body: {
    ok?: boolean;
    email?: string;
    message?: string;
    field?: string;
    redirectTo?: string;
    error?: string;
    fieldErrors?: Record<string, string>;
  };
};

/** `submitter`: the button pressed, whose name=value is sent as a plain post would. */
export async function postForm(form: HTMLFormElement, submitter: HTMLElement | null = null): Promise<JsonAnswer> {
  const body = new URLSearchParams();
  for (const [k, v] of new FormData(form, submitter)) if (typeof v === "string") body.append(k, v);
  try {
    const res = await fetch(form.action, {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const json = (await res.json().catch(() => ({}))) as JsonAnswer["body"];
    return { ok: res.ok, status: res.status, body: json };
  } catch {
    return { ok: false, status: 0, body: { message: "Please check your connection and try again." } };
  }
}
