/** Every pg-boss queue the app uses. Created at start, before any job is sent. */
export const queues = {
  deliverEmail: "deliver-email",
  deliverWebhook: "deliver-webhook",
  maintenance: "maintenance",
  eventChanged: "event-changed",
  campaignDigest: "campaign-digest",
  speakerReminders: "speaker-reminders",
  registrationReminder: "registration-reminder",
  mailingDispatch: "mailing-dispatch",
  mailingWake: "mailing-wake",
  calendarImport: "calendar-import",
  calendarImportWake: "calendar-import-wake",
  bounceMailbox: "bounce-mailbox",
} as const;

export type QueueName = (typeof queues)[keyof typeof queues];

export interface JobPayloads {
  /** `lane: "mailing"`: a mailing's message handed off for retries, paced as mailings are. */
  "deliver-email": { outboxId: string; lane?: "mailing" };
  /** One webhook delivery (app/modules/webhooks), retried with backoff for more than a day. */
  "deliver-webhook": { deliveryId: string };
  maintenance: Record<string, never>;
  /** An event's time, place or status changed (its sequence is now `sequence`). */
  "event-changed": { eventId: string; sequence: number; change: EventChange };
  /** Monday morning: each organiser's open and overdue campaign actions. */
  "campaign-digest": Record<string, never>;
  /** Scheduled: reminds speakers who have not answered their invitation. */
  "speaker-reminders": Record<string, never>;
  /** Remind an event's attendees; stale when the event's start or delay no longer match. */
  "registration-reminder": { eventId: string; startsAt: string; hoursBefore: number };
  /** Send (or keep sending) a mailing; also wakes a scheduled one at its time. */
  "mailing-dispatch": { mailingId: string };
  /** Every minute: resume mailings whose worker died, start scheduled ones that are due. */
  "mailing-wake": Record<string, never>;
  /** Sync one partner calendar source now. */
  "calendar-import": { sourceId: string };
  /** Every five minutes: a sync job for each calendar source that is due. */
  "calendar-import-wake": Record<string, never>;
  /** Every five minutes when BOUNCE_IMAP_URL is set: read bounces, complaints and mailto: unsubscribes. */
  "bounce-mailbox": Record<string, never>;
}

export type EventChange = "rescheduled" | "moved" | "cancelled" | "published" | "details";
