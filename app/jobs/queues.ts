/** Every pg-boss queue the app uses. Created at start, before any job is sent. */
export const queues = {
  deliverEmail: "deliver-email",
  maintenance: "maintenance",
} as const;

export type QueueName = (typeof queues)[keyof typeof queues];

export interface JobPayloads {
  "deliver-email": { outboxId: string };
  maintenance: Record<string, never>;
}
