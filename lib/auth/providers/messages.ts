// What /signin says when a provider sign-in did not end in a session (?error=…).
export const PROVIDER_MESSAGES: Record<string, string> = {
  provider_unverified:
    "Your account with that provider has not verified its email address, so we cannot sign you in with it. Verify it there, or use your email address here.",
  provider_no_email: "That provider did not give us a usable email address. Please use your email address instead.",
  provider_rate_limited: "Too many sign-ins were tried from your network. Please try again later.",
  provider_failed: "Signing in with that provider did not work. Please try again, or use your email address.",
};
