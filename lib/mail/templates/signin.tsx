/** @jsxImportSource @/lib/mail/jsx */
import { Button, MailDocument, MUTED, Row } from "../components";
import { documentOf } from "../jsx/jsx-runtime";
import type { MailMessage } from "../message";

export type SignInMailInput = {
  to: string;
  siteName: string;
  link: string;
  code: string;
  /** The article the reader joined from, when there is one. */
  articleTitle?: string | null;
  isNewAccount: boolean;
};

const LIMITS = "The link works for 24 hours and once; the code for 15 minutes.";
const notYou = (siteName: string) => `If you did not ask to sign in to ${siteName}, ignore this email: nothing happens without it.`;

function introOf({ siteName, articleTitle, isNewAccount }: SignInMailInput): string {
  const hello = isNewAccount ? `Welcome to ${siteName}.` : "Welcome back.";
  return articleTitle ? `${hello} Continue to finish signing in and read “${articleTitle}”.` : `${hello} Continue to finish signing in.`;
}

/** The mail's HTML: the site, why it came, one button, and the same sign-in as a code. */
export function SignInMail(props: SignInMailInput) {
  return (
    <MailDocument title={`Sign in to ${props.siteName}`} width={560}>
      <Row>
        <p style="font-size:22px;font-weight:bold;margin:0 0 24px">{props.siteName}</p>
        <p style="font-size:16px;line-height:1.5">{introOf(props)}</p>
        <p style="margin:28px 0">
          <Button href={props.link}>Sign in to {props.siteName}</Button>
        </p>
        <p style="font-size:15px;line-height:1.5">Or enter this code on the page where you asked:</p>
        <p style="font-size:28px;letter-spacing:6px;font-family:Menlo,Consolas,monospace;font-weight:bold;margin:8px 0 24px">{props.code}</p>
        <p style={`font-size:13px;color:${MUTED};line-height:1.5`}>
          {LIMITS}
          <br />
          {notYou(props.siteName)}
        </p>
      </Row>
    </MailDocument>
  );
}

/** The magic-link mail: one link and the same sign-in as a 6-digit code. */
export function signInMail(input: SignInMailInput): MailMessage {
  const { to, siteName, link, code } = input;
  const text = [introOf(input), "", `Sign in: ${link}`, "", `Or enter this code on the page where you asked: ${code}`, "", LIMITS, notYou(siteName)].join("\n");
  return {
    to,
    subject: `Sign in to ${siteName} with code ${code}`,
    text,
    html: documentOf(<SignInMail {...input} />),
    logLine: `sign-in link: ${link} (code ${code})`,
  };
}
