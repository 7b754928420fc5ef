/**
 * How long an answer that must not tell whether an address is known takes at
 * least. Looking up a known address and queueing its e-mail takes tens of
 * milliseconds; waiting out the same floor either way hides that difference.
 */
export const EVEN_ANSWER_MS = 400;

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
