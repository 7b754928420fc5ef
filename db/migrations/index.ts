import type { Migration, MigrationProvider } from "kysely";
import * as foundation from "./20261121190000_foundation";
import * as partnersAndCampaignsCore from "./20261121200000_partners_and_campaigns_core";
import * as eventsCore from "./20261121203000_events_core";
import * as globalDaysAndCampaignPlans from "./20261121210000_global_days_and_campaign_plans";
import * as eventReview from "./20261121220000_event_review";
import * as partnerPortalAndMailings from "./20261121230000_partner_portal_and_mailings";
import * as registrations from "./20261122000000_registrations";
import * as speakerInvitations from "./20261122010000_speaker_invitations";
import * as feeds from "./20261122020000_feeds";
import * as globalDayNamesDe from "./20261122100000_global_day_names_de";
import * as globalDayNamesEs from "./20261122100100_global_day_names_es";
import * as globalDayNamesRu from "./20261122100200_global_day_names_ru";
import * as globalDayFeedTriggers from "./20261122110000_global_day_feed_triggers";
import * as mailingPledgeSegment from "./20261122120000_mailing_pledge_segment";
import * as calendarImports from "./20261123000000_calendar_imports";
import * as speakerRetention from "./20261204100000_speaker_retention";
import * as rateLimits from "./20261204200000_rate_limits";
import * as eventsListedLength from "./20261205000000_events_listed_length";
import * as mailPace from "./20261205000100_mail_pace";
import * as mailLogAndBounces from "./20261205100000_mail_log_and_bounces";
import * as publicApi from "./20261205200000_public_api";
import * as apiTokens from "./20261205200100_api_tokens";
import * as webhooks from "./20261205200200_webhooks";
import * as embedOrigins from "./20261205200300_embed_origins";
import * as contentTranslations from "./20261205300000_content_translations";
import * as networkDayTranslations from "./20261205300100_network_day_translations";

/**
 * Every migration, by name. Listed here rather than read from the folder so
 * that the bundled server build carries them. Migrations are frozen once merged:
 * change the schema with a new file.
 */
const migrations: Record<string, Migration> = {
  "20261121190000_foundation": foundation,
  "20261121200000_partners_and_campaigns_core": partnersAndCampaignsCore,
  "20261121203000_events_core": eventsCore,
  "20261121210000_global_days_and_campaign_plans": globalDaysAndCampaignPlans,
  "20261121220000_event_review": eventReview,
  "20261121230000_partner_portal_and_mailings": partnerPortalAndMailings,
  "20261122000000_registrations": registrations,
  "20261122010000_speaker_invitations": speakerInvitations,
  "20261122020000_feeds": feeds,
  "20261122100000_global_day_names_de": globalDayNamesDe,
  "20261122100100_global_day_names_es": globalDayNamesEs,
  "20261122100200_global_day_names_ru": globalDayNamesRu,
  "20261122110000_global_day_feed_triggers": globalDayFeedTriggers,
  "20261122120000_mailing_pledge_segment": mailingPledgeSegment,
  "20261123000000_calendar_imports": calendarImports,
  "20261204100000_speaker_retention": speakerRetention,
  "20261204200000_rate_limits": rateLimits,
  "20261205000000_events_listed_length": eventsListedLength,
  "20261205000100_mail_pace": mailPace,
  "20261205100000_mail_log_and_bounces": mailLogAndBounces,
  "20261205200000_public_api": publicApi,
  "20261205200100_api_tokens": apiTokens,
  "20261205200200_webhooks": webhooks,
  "20261205200300_embed_origins": embedOrigins,
  "20261205300000_content_translations": contentTranslations,
  "20261205300100_network_day_translations": networkDayTranslations,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
