/**
 * Every time limit of webhook delivery derives from WEBHOOK_TIMEOUT_SECONDS,
 * as mail's do (modules/mail/timing.ts): the receiver is dropped after half of
 * it, so a live sender never holds a claim that counts as stale; a job expires
 * (and is retried) after it; a claim older than it belongs to a dead worker.
 */
export interface WebhookTimings {
  requestTimeoutMs: number;
  jobTimeoutSeconds: number;
  staleClaimSeconds: number;
}

const defaultWebhookTimeoutSeconds = 30;

export function webhookTimings(timeoutSeconds: number = defaultWebhookTimeoutSeconds): WebhookTimings {
  return { requestTimeoutMs: (timeoutSeconds * 1000) / 2, jobTimeoutSeconds: timeoutSeconds, staleClaimSeconds: timeoutSeconds };
}
