import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column the database fills in on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column: read as T, written as its JSON text. */
export type Json<T> = ColumnType<T, string, string>;

type DefaultedTextColumn = ColumnType<string, string | undefined, string>;

export type MembershipRole = "owner" | "organiser" | "partner";

export interface NetworksTable {
  id: Generated<string>;
  slug: string;
  name: string;
  default_locale: string;
  time_zone: string;
  /** Shown beside every registration form's consent line. */
  privacy_notice: ColumnType<string, string | undefined, string>;
  /** Registrations' personal data is anonymised this many days after their event ends. */
  anonymise_after_days: ColumnType<number, number | undefined, number>;
  /** Host names the owner exempts from calendar import's public-address rule (lower case). */
  import_allowed_hosts: ColumnType<string[], string[] | undefined, string[]>;
  /** Bounce rules (docs/mail.md): a contact is suppressed after this many hard bounces, */
  bounce_hard_limit: ColumnType<number, number | undefined, number>;
  /** or this many soft bounces within `bounce_soft_days` days, */
  bounce_soft_limit: ColumnType<number, number | undefined, number>;
  bounce_soft_days: ColumnType<number, number | undefined, number>;
  /** or at their first spam complaint, when true. */
  complaint_suppresses: ColumnType<boolean, boolean | undefined, boolean>;
  /** The language (BCP 47) new events and campaigns are written in: their original. */
  content_language: ColumnType<string, string | undefined, string>;
  /** The other languages the network's content may be translated into (BCP 47, never the default). */
  content_languages: ColumnType<string[], string[] | undefined, string[]>;
  /** Origins (https://partner.example) allowed to frame the embeddable calendar. */
  embed_origins: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  /** Always stored lower-cased. */
  email: string;
  name: string;
  password_hash: string | null;
  locale: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface MembershipsTable {
  network_id: string;
  user_id: string;
  role: MembershipRole;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** sha256 of the cookie's token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface NetworkInvitationsTable {
  id: Generated<string>;
  network_id: string;
  email: string;
  role: MembershipRole;
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
  /** How many windows in a row this key filled; each one doubles the next window. */
  level: Generated<number>;
}

/** When the next message of a kind of mail may go out, for every worker (MAIL_RATE_PER_SECOND, MAILING_RATE_PER_SECOND). */
export interface MailPaceTable {
  lane: string;
  next_at: Timestamp;
}

export type OutboxStatus = "queued" | "sending" | "sent" | "captured" | "failed";

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  /** The attachment's bytes, base64-encoded. */
  contentBase64: string;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  network_id: string | null;
  kind: string;
  locale: string;
  to_address: string;
  from_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Json<Record<string, string>>;
  attachments: Json<OutboxAttachment[]>;
  status: OutboxStatus;
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string | null;
  /** The full message as delivered (RFC 5322), kept only when mail is captured. */
  raw_mime: string | null;
  /** The envelope sender (VERP, bounces+<id>@BOUNCE_DOMAIN); null: MAIL_FROM's address. */
  return_path: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  network_id: string | null;
  actor_user_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** Never personal data: ids and counts only. */
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface PartnerOrganisationsTable {
  id: Generated<string>;
  network_id: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  city: string | null;
  /** Language codes (ISO 639-1). */
  languages: ColumnType<string[], string[] | undefined, string[]>;
  website: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  notes: ColumnType<string, string | undefined, string>;
  /** The organisation agreed to appear in the public API's partner list. */
  listed_publicly: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PartnerContactsTable {
  id: Generated<string>;
  network_id: string;
  partner_id: string;
  name: string;
  /** Always stored lower-cased; unique within a network. */
  email: string;
  locale: string | null;
  role_title: ColumnType<string, string | undefined, string>;
  subscribed: ColumnType<boolean, boolean | undefined, boolean>;
  unsubscribed_at: Timestamp | null;
  /** Set by the network's bounce rules; suppressed contacts receive no mailing until an organiser lifts it. */
  suppressed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  suppressed_reason: ColumnType<SuppressionReason | null, SuppressionReason | null | undefined, SuppressionReason | null>;
  /** The last bounce's DSN status and diagnostic, or the complaint's feedback type. */
  suppressed_detail: ColumnType<string | null, string | null | undefined, string | null>;
  /** Bounces before this no longer count towards the rules. */
  suppression_lifted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The contact's account, once they have signed in to the partner portal. */
  user_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export type SuppressionReason = "hard_bounce" | "soft_bounces" | "complaint";

export type CampaignStatus = "draft" | "published" | "archived";

export interface CampaignsTable {
  id: Generated<string>;
  network_id: string;
  /** Unique within the network; used in public URLs. */
  slug: string;
  title: string;
  status: ColumnType<CampaignStatus, CampaignStatus | undefined, CampaignStatus>;
  /** 'YYYY-MM-DD' */
  starts_on: string | null;
  ends_on: string | null;
  /** The global day occurrence the campaign belongs to (both set or both null). */
  global_day_id: string | null;
  occurrence_year: number | null;
  /** Markdown. */
  goals: ColumnType<string, string | undefined, string>;
  /** Markdown. */
  key_messages: ColumnType<string, string | undefined, string>;
  materials: ColumnType<MaterialLink[], string | undefined, string>;
  rolled_from_campaign_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** The language (BCP 47) of this row's own texts: the original translations are made from. */
  content_language: ColumnType<string, string | undefined, string>;
  /** When the original's translatable texts last changed; translations made before it are older. */
  content_updated_at: CreatedAt;
}

export interface MaterialLink {
  label: string;
  url: string;
}

/** How a global day recurs; see app/modules/days/recurrence.ts. */
export type RecurrenceRule =
  | { kind: "fixed"; month: number; day: number }
  /** weekday: 1 = Monday … 7 = Sunday (ISO); nth: 1–4, or -1 for the last one in the month. */
  | { kind: "nth_weekday"; month: number; weekday: number; nth: number }
  | { kind: "span"; month: number; day: number; days: number }
  /** Dates announced each year (global_day_dates); `month` is when it usually falls. */
  | { kind: "announced"; month: number; days: number };

export interface GlobalDaysTable {
  id: Generated<string>;
  /** null: the shared catalogue; otherwise a network's own day. */
  network_id: string | null;
  key: string;
  rule: ColumnType<RecurrenceRule, string, string>;
  /** '#rrggbb', lower case. */
  colour: string;
  official_url: string | null;
  created_at: CreatedAt;
}

export interface GlobalDayTranslationsTable {
  global_day_id: string;
  locale: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
}

/** A network's own name and description of a day in one of its content languages (BCP 47). */
export interface NetworkDayTranslationsTable {
  network_id: string;
  global_day_id: string;
  language: string;
  name: string;
  description: DefaultedTextColumn;
  updated_at: CreatedAt;
}

export interface NetworkHiddenDaysTable {
  network_id: string;
  global_day_id: string;
}

export interface GlobalDayDatesTable {
  network_id: string;
  global_day_id: string;
  year: number;
  starts_on: string;
  ends_on: string;
}

export type ActionStatus = "todo" | "doing" | "done" | "dropped";

export interface CampaignActionsTable {
  id: Generated<string>;
  network_id: string;
  campaign_id: string;
  title: string;
  /** Exactly one of due_on and offset_days (days from the campaign's day; negative is before). */
  due_on: string | null;
  offset_days: number | null;
  owner_user_id: string | null;
  owner_partner_id: string | null;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  notes: ColumnType<string, string | undefined, string>;
  copied_from_action_id: string | null;
  completed_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface CampaignTranslationsTable {
  campaign_id: string;
  network_id: string;
  language: string;
  title: string;
  goals: DefaultedTextColumn;
  key_messages: DefaultedTextColumn;
  /** The materials' labels in the campaign's order; an empty one shows the original's. */
  material_labels: ColumnType<string[], string[] | undefined, string[]>;
  source_updated_at: Timestamp;
  updated_at: CreatedAt;
}

export interface CampaignTemplatesTable {
  id: Generated<string>;
  network_id: string;
  name: string;
  global_day_id: string | null;
  goals: ColumnType<string, string | undefined, string>;
  key_messages: ColumnType<string, string | undefined, string>;
  materials: ColumnType<MaterialLink[], string | undefined, string>;
  created_at: CreatedAt;
}

export interface CampaignTemplateActionsTable {
  id: Generated<string>;
  template_id: string;
  title: string;
  offset_days: number;
  notes: ColumnType<string, string | undefined, string>;
}

export type PledgeKind = "hold_event" | "share_materials" | "other";

export interface CampaignPledgesTable {
  id: Generated<string>;
  network_id: string;
  campaign_id: string;
  partner_id: string;
  kind: PledgeKind;
  details: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CampaignDigestsSentTable {
  network_id: string;
  user_id: string;
  /** ISO week, e.g. '2026-W48'. */
  week: string;
  sent_at: CreatedAt;
}

export type EventMode = "in_person" | "online" | "hybrid";
export type EventVisibility = "public" | "partners" | "unlisted";
export type EventStatus = "draft" | "pending_review" | "published" | "cancelled";
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface EventsTable {
  /** Also the iCalendar UID (`<id>@<host>`): never changes. */
  id: Generated<string>;
  network_id: string;
  campaign_id: string | null;
  host_partner_id: string | null;
  title: string;
  /** Markdown, rendered safely (app/utils/markdown.server.ts). */
  description: ColumnType<string, string | undefined, string>;
  /** IANA zone the event happens in, e.g. Europe/Kyiv. */
  time_zone: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  all_day: ColumnType<boolean, boolean | undefined, boolean>;
  /** All-day events: first and last day ('YYYY-MM-DD', inclusive) in the event's zone. */
  start_date: string | null;
  end_date: string | null;
  mode: ColumnType<EventMode, EventMode | undefined, EventMode>;
  venue_name: string | null;
  address: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Shown only to registered attendees and speakers unless online_url_public. */
  online_url: string | null;
  online_url_public: ColumnType<boolean, boolean | undefined, boolean>;
  capacity: number | null;
  registration_opens_at: Timestamp | null;
  registration_closes_at: Timestamp | null;
  languages: TextArray;
  interpretation: ColumnType<string, string | undefined, string>;
  /** Keys such as "step-free", "quiet-room". */
  accessibility: TextArray;
  accessibility_notes: ColumnType<string, string | undefined, string>;
  anonymity_policy: ColumnType<string, string | undefined, string>;
  visibility: ColumnType<EventVisibility, EventVisibility | undefined, EventVisibility>;
  status: ColumnType<EventStatus, EventStatus | undefined, EventStatus>;
  /** iCalendar SEQUENCE: goes up whenever time, place or status changes. */
  sequence: ColumnType<number, number | undefined, number>;
  cancelled_at: Timestamp | null;
  /** Hours before the start that confirmed attendees are reminded; null: no reminder. */
  reminder_hours_before: ColumnType<number | null, number | null | undefined, number | null>;
  registrations_anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  /** The partner organisation whose contact submitted the event; its contacts may edit it. */
  submitted_by_partner_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The organiser's note on approval or rejection, e-mailed to the partner. */
  review_note: ColumnType<string, string | undefined, string>;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when a partner changed the time or place of the published event; cleared once an organiser has seen it. */
  partner_changed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The language (BCP 47) of this row's own texts: the original translations are made from. */
  content_language: ColumnType<string, string | undefined, string>;
  /** When the original's translatable texts last changed; translations made before it are older. */
  content_updated_at: CreatedAt;
}

export interface EventTranslationsTable {
  event_id: string;
  network_id: string;
  /** BCP 47, one of the network's content languages other than the event's original. */
  language: string;
  title: string;
  /** Markdown, like the original's. */
  description: DefaultedTextColumn;
  accessibility_notes: DefaultedTextColumn;
  /** The original's content_updated_at this translation was made from. */
  source_updated_at: Timestamp;
  updated_at: CreatedAt;
}

export interface EventCohostsTable {
  event_id: string;
  partner_id: string;
}

export type SpeakerRole = "speaker" | "moderator" | "panellist" | "trainer" | "performer";
export type SpeakerStatus = "invited" | "accepted" | "declined" | "tentative" | "withdrawn";
export type SpeakerReminderKind = "after-3-days" | "after-7-days" | "before-reply-by";
type DefaultedText = ColumnType<string, string | undefined, string>;
type DefaultedFlag = ColumnType<boolean, boolean | undefined, boolean>;
type DefaultedNumber = ColumnType<number, number | undefined, number>;

export interface SpeakerInvitationsTable {
  id: Generated<string>;
  network_id: string;
  event_id: string;
  invited_by: string | null;
  name: string;
  /** Always stored lower-cased. */
  email: string;
  role: SpeakerRole;
  session_title: string;
  /** Both set or both null (then the slot is the whole event). */
  slot_starts_at: Timestamp | null;
  slot_ends_at: Timestamp | null;
  message: DefaultedText;
  /** The language the speaker is written to in. */
  locale: string;
  /** 'YYYY-MM-DD', a day in the event's zone. */
  reply_by: string;
  status: ColumnType<SpeakerStatus, SpeakerStatus | undefined, SpeakerStatus>;
  /** The decline reason or the "maybe" note. */
  response_note: DefaultedText;
  responded_at: Timestamp | null;
  invited_at: CreatedAt;
  last_contact_at: CreatedAt;
  reminder_count: DefaultedNumber;
  withdrawn_at: Timestamp | null;
  display_name: DefaultedText;
  bio: DefaultedText;
  pronouns: DefaultedText;
  organisation: DefaultedText;
  consent_list_name: DefaultedFlag;
  consent_photos: DefaultedFlag;
  consent_recording: DefaultedFlag;
  needs_travel: DefaultedText;
  needs_accessibility: DefaultedText;
  needs_interpretation: DefaultedText;
  needs_handled_at: Timestamp | null;
  calendar_active: DefaultedFlag;
  calendar_sequence: DefaultedNumber;
  calendar_updated_at: CreatedAt;
  synced_event_sequence: DefaultedNumber;
  /** When the network's retention removed the speaker's personal data (name, address, profile, needs). */
  anonymised_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** The messages sent to a speaker about one invitation, blanked when it is anonymised. */
export interface SpeakerInvitationEmailsTable {
  invitation_id: string;
  outbox_id: string;
}

export interface SpeakerInvitationLinksTable {
  /** sha256 of the link's token. */
  token_hash: string;
  invitation_id: string;
  created_at: CreatedAt;
}

export interface SpeakerRemindersTable {
  invitation_id: string;
  kind: SpeakerReminderKind;
  sent_at: Timestamp;
}

/** A partner organisation's private feed link; the token itself is never stored. */
export interface FeedTokensTable {
  id: Generated<string>;
  network_id: string;
  partner_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** The last content of each feed, shared by all processes: Last-Modified moves only when the content does. */
export interface FeedSnapshotsTable {
  feed_key: string;
  network_id: string;
  content_hash: string;
  last_modified: Timestamp;
  built_at: CreatedAt;
}

/** A deleted campaign, so that its feed answers 410 Gone rather than 404. */
export interface CampaignTombstonesTable {
  network_id: string;
  campaign_id: string;
  deleted_at: CreatedAt;
}

/** An event that left the listings (deleted or withdrawn), for the API's `changed_since`. */
export interface EventTombstonesTable {
  event_id: string;
  network_id: string;
  /** Every visibility the event was listed under. */
  visibilities: string[];
  reason: "deleted" | "withdrawn";
  removed_at: CreatedAt;
}

export type ApiTokenScope = "partners_events" | "online_links";

/** A token for the public API (docs/api.md); the token itself is never stored. */
export interface ApiTokensTable {
  id: Generated<string>;
  network_id: string;
  name: string;
  scopes: ColumnType<ApiTokenScope[], ApiTokenScope[] | undefined, ApiTokenScope[]>;
  token_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type WebhookKind = "event.published" | "event.changed" | "event.cancelled" | "registrations.counts" | "pledge.made" | "mailing.sent";

/** Where a network's owners want events sent (app/modules/webhooks). */
export interface WebhookEndpointsTable {
  id: Generated<string>;
  network_id: string;
  url: string;
  /** Signs every delivery (HMAC-SHA256); shown to the owner once. */
  secret: string;
  kinds: ColumnType<WebhookKind[], WebhookKind[], WebhookKind[]>;
  /** The owner allows a private or loopback address (an intranet receiver). */
  allow_private: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

export type WebhookDeliveryStatus = "queued" | "sending" | "delivered" | "failed";

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  endpoint_id: string;
  network_id: string;
  kind: WebhookKind;
  /** The JSON body, as signed and sent. */
  payload: string;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  delivered_at: Timestamp | null;
}

export type RegistrationQuestionKind = "short_text" | "long_text" | "single_choice" | "multiple_choice";

export interface RegistrationQuestionsTable {
  id: Generated<string>;
  event_id: string;
  position: number;
  label: string;
  kind: RegistrationQuestionKind;
  required: ColumnType<boolean, boolean | undefined, boolean>;
  options: TextArray;
  created_at: CreatedAt;
}

export type RegistrationStatus = "confirmed" | "waitlisted" | "cancelled" | "attended";
/** Answers by question id: text, or the chosen options. */
export type RegistrationAnswers = Record<string, string | string[]>;

export interface RegistrationsTable {
  id: Generated<string>;
  network_id: string;
  event_id: string;
  /** Lower-cased. Null, like name and answers, once anonymised. */
  email: string | null;
  name: string | null;
  answers: ColumnType<RegistrationAnswers, string | undefined, string>;
  /** sha256 of the private manage link's token. */
  manage_token_hash: string | null;
  locale: string;
  /** The language the attendee read the event in (BCP 47), for its texts in their messages; null: the original. */
  content_language: ColumnType<string | null, string | null | undefined, string | null>;
  status: RegistrationStatus;
  waitlist_rank: number | null;
  calendar_sequence: number | null;
  reminder_sent_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  attended_at: Timestamp | null;
  anonymised_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** The outbox messages sent to each registration, blanked when it is anonymised. */
export interface RegistrationEmailsTable {
  registration_id: string;
  outbox_id: string;
}

export interface PartnerSignInTokensTable {
  token_hash: string;
  contact_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type MailingStatus = "draft" | "scheduled" | "sending" | "paused" | "sent";
export type MailingPauseReason = "hard_bounces" | "complaints";

export interface MailingsTable {
  id: Generated<string>;
  network_id: string;
  campaign_id: string | null;
  title: string;
  /** Empty means "any": ISO 3166-1 alpha-2 codes, organisation languages, tags. */
  segment_countries: TextArray;
  segment_languages: TextArray;
  segment_tags: TextArray;
  /** Only organisations that pledged to this campaign; null means any. */
  segment_pledged_campaign_id: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<MailingStatus, MailingStatus | undefined, MailingStatus>;
  scheduled_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  /** Why the mailing paused itself (docs/mail.md); null while it was never paused. */
  paused_reason: ColumnType<MailingPauseReason | null, MailingPauseReason | null | undefined, MailingPauseReason | null>;
  /** An organiser resumed it after a pause: it does not pause itself again. */
  auto_pause_off: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface MailingVariantsTable {
  mailing_id: string;
  /** ISO 639-1 language code. */
  language: string;
  subject: string;
  /** Markdown with merge fields such as {{contact.name}}. */
  body: string;
}

/** unsubscribed / suppressed: skipped when their turn came, so no message was written. */
export type MailingRecipientState = "pending" | "outboxed" | "unsubscribed" | "suppressed";

export interface MailingRecipientsTable {
  id: Generated<string>;
  mailing_id: string;
  /** Order of sending, fixed with the list. */
  position: number;
  contact_id: string | null;
  email: string;
  contact_name: string;
  partner_name: string;
  /** The variant this recipient receives. */
  language: string;
  state: ColumnType<MailingRecipientState, MailingRecipientState | undefined, MailingRecipientState>;
  outbox_id: string | null;
  handed_off: ColumnType<boolean, boolean | undefined, boolean>;
  unsubscribe_token_hash: string | null;
}

/**
 * One state of one message, with its time: the per-recipient log. A recipient
 * skipped before their message was written has events by recipient_id only.
 */
export type MailEventKind =
  "queued" | "handed" | "deferred" | "delivered" | "failed" | "bounced" | "complained" | "unsubscribed" | "suppressed";

export interface MailEventsTable {
  id: Generated<string>;
  outbox_id: string | null;
  recipient_id: string | null;
  kind: MailEventKind;
  /** Set for bounces only. */
  bounce_class: ColumnType<"hard" | "soft" | null, "hard" | "soft" | null | undefined, "hard" | "soft" | null>;
  /** RFC 3463 status such as 5.1.1, when known. */
  dsn_status: ColumnType<string | null, string | null | undefined, string | null>;
  /** The server's answer or the report's diagnostic. */
  diagnostic: ColumnType<string | null, string | null | undefined, string | null>;
  /** Message-ID of the report it came from, so a report read twice counts once. */
  report_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** A partner's calendar (iCalendar over http(s)) that Daymark keeps importing; see app/modules/imports. */
export interface CalendarSourcesTable {
  id: Generated<string>;
  network_id: string;
  partner_id: string;
  /** Normalised: webcal:// is stored as https://. */
  url: string;
  /** Defaults of the events it brings in. */
  campaign_id: string | null;
  languages: TextArray;
  mode: ColumnType<EventMode, EventMode | undefined, EventMode>;
  /** Trusted partners: imported events are published at once rather than waiting for review. */
  publish_directly: DefaultedFlag;
  /** Only events whose title, description or categories contain one of these (lower case); empty: every event. */
  keywords: TextArray;
  /** The zone floating times and all-day events are read in. */
  time_zone: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  etag: string | null;
  /** The Last-Modified header as the server sent it, sent back in If-Modified-Since. */
  last_modified: string | null;
  /** REFRESH-INTERVAL (or X-PUBLISHED-TTL) of the last calendar read. */
  refresh_interval_seconds: number | null;
  next_sync_at: CreatedAt;
  last_attempt_at: Timestamp | null;
  last_success_at: Timestamp | null;
  /**
   * The last time the calendar was read and merged in full. A day later it is read again without
   * validators, and merged even if unchanged, so that a series' new occurrences enter the horizon.
   */
  last_applied_at: Timestamp | null;
  /** sha256 of the calendar last merged: the same bytes within the day are treated like a 304. */
  content_hash: string | null;
  /** The last failure's code (imports.errors.<code>), null after a success. */
  last_error: string | null;
  last_error_detail: DefaultedText;
  consecutive_failures: DefaultedNumber;
  /** Set when the partner was told of repeated failures; cleared by the next success. */
  failure_notified_at: Timestamp | null;
  /** A sync in progress holds the source (its token, until then), so two workers never sync it at once. */
  lease_token: string | null;
  lease_until: Timestamp | null;
}

/** The values an imported event last had in its source, per field group. */
export interface ImportedValues {
  title: string;
  description: string;
  time: { startsAt: string; endsAt: string; allDay: boolean; startDate: string | null; endDate: string | null; timeZone: string };
  place: { address: string | null; onlineUrl: string | null };
  status: "confirmed" | "cancelled";
}

export interface CalendarSourceEventsTable {
  event_id: string;
  source_id: string;
  /** The UID in the source. */
  uid: string;
  /** '' for a single event; for an occurrence of a recurring one, the day (or day and time) it was planned for. */
  recurrence_key: ColumnType<string, string | undefined, string>;
  imported: Json<ImportedValues>;
  source_sequence: DefaultedNumber;
}

export interface Database {
  networks: NetworksTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  network_invitations: NetworkInvitationsTable;
  rate_limits: RateLimitsTable;
  mail_pace: MailPaceTable;
  email_outbox: EmailOutboxTable;
  audit_log: AuditLogTable;
  partner_organisations: PartnerOrganisationsTable;
  partner_contacts: PartnerContactsTable;
  campaigns: CampaignsTable;
  events: EventsTable;
  event_translations: EventTranslationsTable;
  event_cohosts: EventCohostsTable;
  global_days: GlobalDaysTable;
  global_day_translations: GlobalDayTranslationsTable;
  network_day_translations: NetworkDayTranslationsTable;
  network_hidden_days: NetworkHiddenDaysTable;
  global_day_dates: GlobalDayDatesTable;
  campaign_actions: CampaignActionsTable;
  campaign_translations: CampaignTranslationsTable;
  campaign_templates: CampaignTemplatesTable;
  campaign_template_actions: CampaignTemplateActionsTable;
  campaign_pledges: CampaignPledgesTable;
  campaign_digests_sent: CampaignDigestsSentTable;
  speaker_invitations: SpeakerInvitationsTable;
  speaker_invitation_links: SpeakerInvitationLinksTable;
  speaker_invitation_emails: SpeakerInvitationEmailsTable;
  speaker_reminders: SpeakerRemindersTable;
  feed_tokens: FeedTokensTable;
  feed_snapshots: FeedSnapshotsTable;
  campaign_tombstones: CampaignTombstonesTable;
  event_tombstones: EventTombstonesTable;
  api_tokens: ApiTokensTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  registration_questions: RegistrationQuestionsTable;
  registrations: RegistrationsTable;
  registration_emails: RegistrationEmailsTable;
  partner_sign_in_tokens: PartnerSignInTokensTable;
  mailings: MailingsTable;
  mailing_variants: MailingVariantsTable;
  mailing_recipients: MailingRecipientsTable;
  mail_events: MailEventsTable;
  calendar_sources: CalendarSourcesTable;
  calendar_source_events: CalendarSourceEventsTable;
}

export type Network = Selectable<NetworksTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type OutboxMessage = Selectable<EmailOutboxTable>;
export type PartnerOrganisation = Selectable<PartnerOrganisationsTable>;
export type PartnerContact = Selectable<PartnerContactsTable>;
export type Campaign = Selectable<CampaignsTable>;
export type Event = Selectable<EventsTable>;
export type GlobalDay = Selectable<GlobalDaysTable>;
export type CampaignAction = Selectable<CampaignActionsTable>;
export type SpeakerInvitation = Selectable<SpeakerInvitationsTable>;
export type Registration = Selectable<RegistrationsTable>;
export type RegistrationQuestion = Selectable<RegistrationQuestionsTable>;
export type Mailing = Selectable<MailingsTable>;
export type MailingVariant = Selectable<MailingVariantsTable>;
export type MailingRecipient = Selectable<MailingRecipientsTable>;
export type CalendarSource = Selectable<CalendarSourcesTable>;
