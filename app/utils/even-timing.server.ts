/**
 * How long an answer that must not tell whether an address is known takes at
 * least. Looking up a known address and queueing its e-mail takes tens of
 * milliseconds; waiting out the same floor either way hides that difference.
 */
export const EVEN_ANSWER_MS = 400;

/**
 * The same floor for the public registration form, whose answer must not
 * tell a new address from one already registered or waitlisted: a
 * registration's own work takes about 10 ms, and the floor stays low enough
 * that a burst of registrations is limited by the database, not by waiting.
 */
export const REGISTRATION_ANSWER_MS = 50;

/** Runs `work` and answers no sooner than `floorMs` after it began, whichever path the work took. */
export async function withEvenTiming<T>(work: () => Promise<T>, floorMs = EVEN_ANSWER_MS): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
  }
}
