// How a newsletter delivery is retried, and when a run of refusals pauses its issue.

/** Exponential backoff: base, 2×base, 4×base… capped at six hours. */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60);
}

/** After this many attempts a temporary failure becomes a failed delivery (the address is not suppressed). */
export const MAX_ATTEMPTS = 12;

/**
 * A run of this many refusals that are not about the address (the message or the sending
 * setup), with nothing accepted in between, pauses the issue.
 */
export const REFUSAL_RUN = 5;
