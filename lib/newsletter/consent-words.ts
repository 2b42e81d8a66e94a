// The exact sentences a reader agrees to, in one place: the forms show them and the
// consent records store them (no server-only: the join form renders in the browser too).

/** Next to the gate's and meter's newsletter box. */
export const gateConsentSentence = (siteName: string) => `Send me ${siteName}’s newsletter too (unsubscribe at any time)`;

/** Under the Subscribe button on /account. */
export const accountConsentSentence = (siteName: string) => `Get newsletters from ${siteName} at this address. You can unsubscribe at any time.`;
