import { escapeHtml, type MailMessage } from "../message";

export type SignInMailInput = {
  to: string;
  siteName: string;
  link: string;
  code: string;
  /** The article the reader joined from, when there is one. */
  articleTitle?: string | null;
  isNewAccount: boolean;
};

/** The magic-link mail: one link and the same sign-in as a 6-digit code. */
export function signInMail(input: SignInMailInput): MailMessage {
  const { to, siteName, link, code, articleTitle, isNewAccount } = input;
  const intro = articleTitle
    ? `${isNewAccount ? `Welcome to ${siteName}.` : "Welcome back."} Continue to finish signing in and read “${articleTitle}”.`
    : `${isNewAccount ? `Welcome to ${siteName}.` : "Welcome back."} Continue to finish signing in.`;
  const text = [
    intro,
    "",
    `Sign in: ${link}`,
    "",
    `Or enter this code on the page where you asked: ${code}`,
    "",
    "The link works for 24 hours and once; the code for 15 minutes.",
    `If you did not ask to sign in to ${siteName}, ignore this email: nothing happens without it.`,
  ].join("\n");
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f4f1ea;font-family:Georgia,serif;color:#1a1a1a">
<table role="presentation" width="100%" style="max-width:560px;margin:0 auto;background:#fff;padding:32px;border-radius:4px">
<tr><td>
<p style="font-size:22px;font-weight:bold;margin:0 0 24px">${escapeHtml(siteName)}</p>
<p style="font-size:16px;line-height:1.5">${escapeHtml(intro)}</p>
<p style="margin:28px 0"><a href="${escapeHtml(link)}" style="background:#1a1a1a;color:#fff;padding:12px 22px;text-decoration:none;border-radius:4px;font-family:Arial,sans-serif;font-weight:bold">Sign in to ${escapeHtml(siteName)}</a></p>
<p style="font-size:15px;line-height:1.5">Or enter this code on the page where you asked:</p>
<p style="font-size:28px;letter-spacing:6px;font-family:Menlo,Consolas,monospace;font-weight:bold;margin:8px 0 24px">${code}</p>
<p style="font-size:13px;color:#555;line-height:1.5">The link works for 24 hours and once; the code for 15 minutes.<br>If you did not ask to sign in to ${escapeHtml(siteName)}, ignore this email: nothing happens without it.</p>
</td></tr></table></body></html>`;
  return {
    to,
    subject: `Sign in to ${siteName} with code ${code}`,
    text,
    html,
    logLine: `sign-in link: ${link} (code ${code})`,
  };
}
