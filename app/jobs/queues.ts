/** Every pg-boss queue the app uses. Created at start, before any job is sent. */
export const queues = {
  deliverEmail: "deliver-email",
  maintenance: "maintenance",
  eventChanged: "event-changed",
  mailingDispatch: "mailing-dispatch",
  mailingWake: "mailing-wake",
} as const;

export type QueueName = (typeof queues)[keyof typeof queues];

export interface JobPayloads {
  "deliver-email": { outboxId: string };
  maintenance: Record<string, never>;
  /** An event's time, place or status changed (its sequence is now `sequence`). */
  "event-changed": { eventId: string; sequence: number; change: EventChange };
  /** Send (or keep sending) a mailing; also wakes a scheduled one at its time. */
  "mailing-dispatch": { mailingId: string };
  /** Every minute: resume mailings whose worker died, start scheduled ones that are due. */
  "mailing-wake": Record<string, never>;
}

export type EventChange = "rescheduled" | "moved" | "cancelled" | "published" | "details";
