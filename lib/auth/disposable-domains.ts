// Common throw-away mail services. BLOCKED_EMAIL_DOMAINS adds a publisher's own.
export const DISPOSABLE_DOMAINS: ReadonlySet<string> = new Set([
  "10minutemail.com", "10minutemail.net", "20minutemail.com", "33mail.com", "anonbox.net",
  "burnermail.io", "discard.email", "dispostable.com", "emailondeck.com", "fakeinbox.com",
  "getairmail.com", "getnada.com", "guerrillamail.biz", "guerrillamail.com", "guerrillamail.de",
  "guerrillamail.info", "guerrillamail.net", "guerrillamail.org", "guerrillamailblock.com",
  "grr.la", "harakirimail.com", "inboxbear.com", "incognitomail.org", "jetable.org",
  "mailcatch.com", "maildrop.cc", "mailinator.com", "mailinator.net", "mailinator2.com",
  "mailnesia.com", "mailnull.com", "mailpoof.com", "mintemail.com", "mohmal.com",
  "moakt.com", "mytemp.email", "nada.email", "pokemail.net", "sharklasers.com",
  "spam4.me", "spamgourmet.com", "spambox.us", "temp-mail.io", "temp-mail.org",
  "tempail.com", "tempmail.com", "tempmail.dev", "tempmail.net", "tempmailo.com",
  "tempr.email", "throwawaymail.com", "trashmail.com", "trashmail.de", "trashmail.net",
  "yopmail.com", "yopmail.fr", "yopmail.net", "emailfake.com", "fakemail.net",
  "mail-temp.com", "mailtemp.net", "dropmail.me", "minuteinbox.com", "tempinbox.com",
]);
