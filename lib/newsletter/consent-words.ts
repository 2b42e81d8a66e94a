// The exact sentences a reader agrees to, in one place: the forms show them and the
// consent records store them (no server-only: the join form renders in the browser too).

/** “Morning Briefing”, “A” and “B”, “A”, “B” and “C”. */
function names(offer: string[]): string {
  const quoted = offer.map((n) => `“${n}”`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** Next to the gate's and meter's newsletter box, naming the newsletters it stands for. */
export const gateConsentSentence = (siteName: string, offer: string[]) =>
  `Send me ${siteName}’s ${offer.length === 1 ? "newsletter" : "newsletters"} ${names(offer)} too (unsubscribe at any time)`;

/** Under the Subscribe button on /account. */
export const accountConsentSentence = (siteName: string) => `Get newsletters from ${siteName} at this address. You can unsubscribe at any time.`;
