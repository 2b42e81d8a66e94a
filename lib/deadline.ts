/**
 * `work`'s answer, or "timeout" when it has not come within `ms`: for the lookups that
 * choose how a page is served, which must not hold the reader while the database stalls.
 * A failure after the deadline is handled (by the race) and goes nowhere.
 */
export function withinMs<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(resolve, ms, "timeout");
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
