import "server-only";
import crypto from "node:crypto";
import type { Env } from "@/lib/config/env";

// nodemailer signs a default header list that has List-Unsubscribe but not
// List-Unsubscribe-Post; Gmail and Yahoo want both covered by the signature (RFC 8058),
// and Gmail's feedback loop wants Feedback-ID covered too.
export const DKIM_SIGNED_HEADERS = [
  "From", "Sender", "Reply-To", "Subject", "Date", "Message-ID", "To", "Cc", "MIME-Version",
  "Content-Type", "Content-Transfer-Encoding", "Content-ID", "Content-Description",
  "In-Reply-To", "References", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post",
  // Gmail reads Feedback-ID only when the signature covers it.
  "Feedback-ID",
].join(":");

export type DkimOptions = { domainName: string; keySelector: string; privateKey: string; headerFieldNames: string };

/** nodemailer's dkim option, or undefined when DKIM is not configured. Fails fast on a bad key. */
export function dkimOptions(dkim: Env["dkim"]): DkimOptions | undefined {
  if (!dkim) return undefined;
  try {
    crypto.createPrivateKey(dkim.privateKey);
  } catch (err) {
    throw new Error(`DKIM_PRIVATE_KEY cannot be read as a private key: ${(err as Error).message}`);
  }
  return {
    domainName: dkim.domain,
    keySelector: dkim.selector,
    privateKey: dkim.privateKey,
    headerFieldNames: DKIM_SIGNED_HEADERS,
  };
}
