import "server-only";
import { env } from "@/lib/config/env";
import { PROVIDERS, type Provider, type VerifyResult } from "./events";
import { verifyMailgun } from "./providers/mailgun";
import { verifyPostmark } from "./providers/postmark";
import { verifyResend } from "./providers/resend";
import { verifySendgrid } from "./providers/sendgrid";
import { verifySes } from "./providers/ses";

type Verifier = (headers: Headers, raw: string) => VerifyResult | Promise<VerifyResult>;

/** The verifier of a provider whose variables are set; null (a 404) for any other name. */
export function configuredProvider(name: string): Verifier | null {
  if (!(PROVIDERS as readonly string[]).includes(name)) return null;
  const c = env.emailEvents;
  switch (name as Provider) {
    case "ses":
      return c.sesTopicArns.length > 0 ? (_h, raw) => verifySes(raw, c.sesTopicArns) : null;
    case "postmark":
      return c.postmark ? (h, raw) => verifyPostmark(h, raw, c.postmark!) : null;
    case "sendgrid":
      return c.sendgridPublicKey ? (h, raw) => verifySendgrid(h, raw, c.sendgridPublicKey!) : null;
    case "mailgun":
      return c.mailgunSigningKey ? (_h, raw) => verifyMailgun(raw, c.mailgunSigningKey!) : null;
    case "resend":
      return c.resendSecret ? (h, raw) => verifyResend(h, raw, c.resendSecret!) : null;
  }
}
