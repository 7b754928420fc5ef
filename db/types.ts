import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column the database fills in on insert. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column: read as T, written as its JSON text. */
export type Json<T> = ColumnType<T, string, string>;

export type MembershipRole = "owner" | "organiser" | "partner";

export interface NetworksTable {
  id: Generated<string>;
  slug: string;
  name: string;
  default_locale: string;
  time_zone: string;
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

export interface RateLimitCountersTable {
  key: string;
  window_start: Timestamp;
  hits: number;
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
  /** The contact's account, once they have signed in to the partner portal. */
  user_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

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
  created_at: CreatedAt;
  updated_at: CreatedAt;
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
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface EventCohostsTable {
  event_id: string;
  partner_id: string;
}

export interface PartnerSignInTokensTable {
  token_hash: string;
  contact_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type MailingStatus = "draft" | "scheduled" | "sending" | "sent";

export interface MailingsTable {
  id: Generated<string>;
  network_id: string;
  campaign_id: string | null;
  title: string;
  /** Empty means "any": ISO 3166-1 alpha-2 codes, organisation languages, tags. */
  segment_countries: TextArray;
  segment_languages: TextArray;
  segment_tags: TextArray;
  status: ColumnType<MailingStatus, MailingStatus | undefined, MailingStatus>;
  scheduled_at: Timestamp | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
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

export type MailingRecipientState = "pending" | "outboxed" | "unsubscribed";

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

export interface Database {
  networks: NetworksTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  network_invitations: NetworkInvitationsTable;
  rate_limit_counters: RateLimitCountersTable;
  email_outbox: EmailOutboxTable;
  audit_log: AuditLogTable;
  partner_organisations: PartnerOrganisationsTable;
  partner_contacts: PartnerContactsTable;
  campaigns: CampaignsTable;
  events: EventsTable;
  event_cohosts: EventCohostsTable;
  partner_sign_in_tokens: PartnerSignInTokensTable;
  mailings: MailingsTable;
  mailing_variants: MailingVariantsTable;
  mailing_recipients: MailingRecipientsTable;
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
export type Mailing = Selectable<MailingsTable>;
export type MailingVariant = Selectable<MailingVariantsTable>;
export type MailingRecipient = Selectable<MailingRecipientsTable>;
