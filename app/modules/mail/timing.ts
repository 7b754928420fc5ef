/**
 * Every time limit of mail delivery, derived from one setting
 * (MAIL_TIMEOUT_SECONDS): how long one delivery attempt may take. They are
 * tied together on purpose. A silent mail server is dropped well before the
 * job expires, so a live sender never holds a claim pg-boss has already
 * declared dead; a claim
 * or lease older than the timeout therefore belongs to a process that died,
 * and may be taken over without a second live sender racing the first.
 */
export interface MailTimings {
  /** A one-off message's job expires after this (pg-boss expireInSeconds), and then retries. */
  jobTimeoutSeconds: number;
  /** An outbox row left "sending" longer than this is claimed again. */
  staleClaimSeconds: number;
  /**
   * The mail server's silence that closes the connection, a temporary failure
   * (nodemailer's connection, greeting and socket timeouts). The connection is
   * torn down rather than the send abandoned: an abandoned send could still
   * complete behind the retry, and a slow server would get every message twice.
   */
  socketTimeoutMs: number;
  /** A mailing dispatcher's lease; it renews it every third of it. */
  leaseSeconds: number;
  /** How long one mailing-dispatch job works before handing over to a fresh one. */
  sliceSeconds: number;
  /** A mailing-dispatch job expires after its slice and one timeout more. */
  dispatchTimeoutSeconds: number;
  /** How often a worker looks for unsent messages no job will deliver, and pg-boss for expired jobs. */
  sweepSeconds: number;
}

export const defaultMailTimeoutSeconds = 60;

export function mailTimings(timeoutSeconds: number = defaultMailTimeoutSeconds): MailTimings {
  return {
    jobTimeoutSeconds: timeoutSeconds,
    staleClaimSeconds: timeoutSeconds,
    socketTimeoutMs: (timeoutSeconds * 1000) / 4,
    leaseSeconds: timeoutSeconds,
    sliceSeconds: timeoutSeconds,
    dispatchTimeoutSeconds: 2 * timeoutSeconds,
    sweepSeconds: Math.max(1, Math.ceil(timeoutSeconds / 2)),
  };
}
