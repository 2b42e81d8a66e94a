import SMTPConnection from "nodemailer/lib/smtp-connection";
import { describe, expect, it } from "vitest";
import { classifySmtpError, parseReply, type SendOutcome } from "./smtp-outcome";

// Errors made by nodemailer's own formatter, as its SMTP connection makes them: the message,
// its code (EENVELOPE, EMESSAGE, EAUTH), the server's reply, the command it answered.
// A private method, so in no type nodemailer publishes.
const formatError = (SMTPConnection.prototype as unknown as {
  _formatError(message: string, type: string, response: string | false, command: string): Error;
})._formatError;

const at = (command: string, response: string) => {
  const type = command === "DATA" ? "EMESSAGE" : command.startsWith("AUTH") ? "EAUTH" : "EENVELOPE";
  const message = command === "RCPT TO" ? "Recipient command failed" : command === "DATA" ? "Message failed" : "Command failed";
  return formatError.call({}, message, type, response, command);
};

const GMAIL_NO_SUCH_USER = [
  "550-5.1.1 The email account that you tried to reach does not exist. Please try",
  "550-5.1.1 double-checking the recipient's email address for typos or",
  "550-5.1.1 unnecessary spaces. For more information, go to",
  "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-7e2fa6d3a4bsi1234567a12.301 - gsmtp",
].join("\n");
const GMAIL_SPAM = [
  "550-5.7.1 [203.0.113.5      12] Our system has detected that this message is",
  "550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,",
  "550-5.7.1 this message has been blocked. For more information, go to",
  "550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError d2e1a72fcca58-71e5c2b9c1esi123 - gsmtp",
].join("\n");

describe("parseReply", () => {
  it("reads the code, the enhanced status and the text of every line of a multi-line reply", () => {
    expect(parseReply(GMAIL_NO_SUCH_USER)).toMatchObject({ code: 550, enhanced: "5.1.1" });
    expect(parseReply(GMAIL_NO_SUCH_USER)!.text).toBe(
      "The email account that you tried to reach does not exist. Please try double-checking the recipient's email address " +
        "for typos or unnecessary spaces. For more information, go to " +
        "https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-7e2fa6d3a4bsi1234567a12.301 - gsmtp",
    );
  });

  it("takes a status written the old way inside the text, and believes none whose class disagrees", () => {
    expect(parseReply("554 delivery error: dd This user doesn't have an account (#5.1.1) - mta1.example")!.enhanced).toBe("5.1.1");
    expect(parseReply("550 2.0.0 odd server")!.enhanced).toBeNull();
    expect(parseReply("554 Message rejected: Email address is not verified.")).toEqual({
      code: 554,
      enhanced: null,
      text: "Message rejected: Email address is not verified.",
    });
    expect(parseReply("Connection closed")).toBeNull();
  });
});

// Replies as relays and mailbox providers give them: [who, command answered, reply].
const REPLIES: Record<Exclude<SendOutcome["kind"], "sent">, [string, string, string][]> = {
  "bad-address": [
    ["Gmail", "RCPT TO", GMAIL_NO_SUCH_USER],
    ["Gmail", "RCPT TO", "550 5.2.1 The email account that you tried to reach is disabled. - gsmtp"],
    ["Microsoft 365", "RCPT TO", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"],
    ["Outlook.com", "RCPT TO", "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM4PEPF00027A6C.eurprd04.prod.outlook.com]"],
    ["Postfix", "RCPT TO", "550 5.1.1 <reader@example.org>: Recipient address rejected: User unknown in local recipient table"],
    ["old server", "RCPT TO", "550 No such user here"],
    // A 5.1.x said after DATA is still about the address.
    ["Postfix", "DATA", "550 5.1.1 <reader@example.org>: user unknown"],
    ["Yahoo", "DATA", "554 delivery error: dd This user doesn't have a yahoo.com account (#5.1.1) - mta1234.mail.bf1.yahoo.com"],
  ],
  "message-refused": [
    ["Gmail", "DATA", GMAIL_SPAM],
    ["Gmail", "DATA", "550-5.7.26 Unauthenticated email from example.com is not accepted due to\n550 5.7.26 domain's DMARC policy. - gsmtp"],
    ["Gmail", "DATA", "552-5.2.3 Your message exceeded Google's message size limits.\n552 5.2.3 - gsmtp"],
    ["Postfix", "DATA", "552 5.3.4 Message size exceeds fixed limit"],
    ["Postfix (SIZE= over the limit)", "MAIL FROM", "552 5.3.4 Message size exceeds fixed limit"],
    ["Amazon SES", "DATA", "554 Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: news@example.com"],
    ["Amazon SES", "DATA", "554 Transaction failed: Duplicate header 'Message-ID'."],
    ["Postmark", "DATA", "550 The 'From' address you supplied (news@example.com) is not a Sender Signature on your account."],
    ["Postmark", "DATA", "554 5.7.1 Message rejected: content flagged as spam"],
    ["Microsoft 365", "DATA", "554 5.2.252 SendAsDenied; relay@example.com not allowed to send as news@example.com"],
    ["filter", "DATA", "550 5.1.0 sender rejected"],
  ],
  "setup-refused": [
    ["Gmail", "AUTH PLAIN", "535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp"],
    ["Amazon SES", "AUTH LOGIN", "535 Authentication Credentials Invalid"],
    ["Postmark", "AUTH PLAIN", "535 5.7.8 Error: authentication failed: "],
    ["Microsoft 365", "AUTH LOGIN", "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant."],
    ["Postfix", "MAIL FROM", "553 5.1.8 <news@example.com>: Sender address rejected: Domain not found"],
    ["relay", "MAIL FROM", "550 5.7.1 sender refused"],
    ["relay", "MAIL FROM", "550 5.1.0 sender rejected"],
    // At RCPT TO, but about us: a relay that will not relay, our sending IP blocked.
    ["Postfix", "RCPT TO", "554 5.7.1 <reader@example.org>: Relay access denied"],
    ["Microsoft 365", "RCPT TO", "550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/"],
    ["Outlook.com", "RCPT TO", "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider (S3150)."],
    ["relay", "RCPT TO", "553 5.1.7 The sender address is invalid"],
    ["relay", "CONN", "554 mail.example.net ESMTP not accepting messages"],
  ],
  temporary: [
    ["Postfix", "RCPT TO", "451 4.7.1 Try again later"],
    ["Gmail", "DATA", "421-4.7.28 [203.0.113.5] Our system has detected an unusual rate of\n421 4.7.28 unsolicited mail originating from your IP address. - gsmtp"],
    ["Gmail", "RCPT TO", "450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages"],
    ["Amazon SES", "DATA", "454 Throttling failure: Maximum sending rate exceeded."],
  ],
};

describe("classifySmtpError: only a bad address is suppressed", () => {
  for (const [expected, replies] of Object.entries(REPLIES)) {
    it.each(replies)(`${expected}: %s answering %s with %s`, (_who, command, reply) => {
      expect(classifySmtpError(at(command, reply))).toEqual({ kind: expected, reason: expect.stringMatching(/^\d{3} /) });
    });
  }

  it("keeps the whole reply, on one line, as the reason", () => {
    expect(classifySmtpError(at("RCPT TO", GMAIL_NO_SUCH_USER))).toMatchObject({
      reason: expect.stringMatching(/^550 5\.1\.1 The email account that you tried to reach does not exist\. Please try double-checking/),
    });
    expect(classifySmtpError(at("DATA", GMAIL_SPAM))).toMatchObject({
      reason: expect.stringMatching(/^550 5\.7\.1 \[203\.0\.113\.5 +12\] Our system has detected that this message is likely unsolicited/),
    });
  });

  it("fails a message nodemailer will not send (over the server's SIZE) as refused, not the address", () => {
    const tooBig = formatError.call({}, "Message size larger than allowed 1000", "EMESSAGE", false, "MAIL FROM");
    expect(classifySmtpError(tooBig).kind).toBe("message-refused");
  });

  it("retries a refused connection, a timeout, a dropped socket", () => {
    expect(classifySmtpError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:2525" })).toEqual({
      kind: "temporary",
      reason: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:2525",
    });
    expect(classifySmtpError({ code: "ETIMEDOUT", message: "Connection timeout" }).kind).toBe("temporary");
    expect(classifySmtpError(new Error("socket hang up")).kind).toBe("temporary");
  });
});

describe("classifySmtpError over every command, code and status", () => {
  const commands = ["CONN", "EHLO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "MAIL FROM", "RCPT TO", "DATA", "RSET"];
  const statuses = [null, ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((s) => Array.from({ length: 12 }, (_, d) => `${s}.${d}`))];
  const cases = commands.flatMap((command) =>
    [421, 450, 451, 452, 454, 500, 501, 503, 530, 535, 550, 551, 552, 553, 554].flatMap((code) =>
      statuses.map((status) => {
        const enhanced = status && `${String(code)[0]}.${status}`;
        const lines = [`${code}-${enhanced ?? ""} first line of the reply`, `${code} ${enhanced ?? ""} last line`];
        return { command, code, enhanced, outcome: classifySmtpError(at(command, lines.join("\n"))) };
      }),
    ),
  );

  it("suppresses only for RCPT TO or a destination 5.1.x after DATA, never for the setup or the message", () => {
    for (const c of cases.filter((c) => c.outcome.kind === "bad-address")) {
      const destination = /^5\.1\.([1-69]|1[01])$/.test(c.enhanced ?? "");
      const aboutUs = /^5\.(3|7)\.|^5\.1\.[78]$|^5\.2\.3$/.test(c.enhanced ?? "");
      expect((c.command === "RCPT TO" && !aboutUs) || (c.command === "DATA" && destination), JSON.stringify(c)).toBe(true);
    }
    expect(cases.some((c) => c.command === "DATA" && c.outcome.kind === "bad-address")).toBe(true);
  });

  it("retries every 4xx, whatever the command, and keeps the reply as the reason", () => {
    for (const c of cases.filter((c) => c.code < 500)) {
      expect(c.outcome, JSON.stringify(c)).toEqual({ kind: "temporary", reason: expect.stringMatching(new RegExp(`^${c.code} `)) });
    }
  });

  it("answers every 5xx to AUTH, MAIL FROM or the greeting as about the setup or the message", () => {
    for (const c of cases.filter((c) => c.code >= 500 && !["RCPT TO", "DATA"].includes(c.command))) {
      expect(["setup-refused", "message-refused"], JSON.stringify(c)).toContain(c.outcome.kind);
    }
  });
});
