// Progressive enhancement for the sign-in forms (the gate, "check your inbox"), which post
// to sign-in routes: with JavaScript the same endpoint answers JSON, and the page updates
// in place. (Desk forms are server actions: lib/desk/action.ts.)

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
  };
};

export async function postForm(form: HTMLFormElement): Promise<JsonAnswer> {
  const body = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (typeof v === "string") body.append(k, v);
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
