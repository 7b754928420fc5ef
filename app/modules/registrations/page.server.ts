import type { Kysely } from "kysely";
import type { Database, Registration } from "~db/types";
import { visitor } from "~/modules/events/online-link";
import { renderMarkdown } from "~/utils/markdown.server";
import { eventInLanguage, findEvent, registrationWindow, summarise, type RegistrationEvent } from "./events.server";
import { personalFeedUrl } from "./links.server";
import { waitlistPosition } from "./registrations.server";
import { countRegistrations, getNetworkPrivacy, listQuestions } from "./organiser.server";

/** Everything the registration page shows, nothing private (the online link stays hidden unless public). */
export async function registrationPageData(db: Kysely<Database>, event: RegistrationEvent, now = new Date()) {
  const [questions, counts, privacy] = await Promise.all([
    listQuestions(db, event.id),
    countRegistrations(db, event.id),
    getNetworkPrivacy(db, event.networkId),
  ]);
  const seated = counts.confirmed + counts.attended;
  return {
    event: summarise(event, visitor),
    hasOnlineLink: Boolean(event.onlineUrl),
    window: registrationWindow(event, now),
    opensAt: event.registrationOpensAt?.toISOString() ?? null,
    seatsLeft: event.capacity === null ? null : Math.max(0, event.capacity - seated),
    questions,
    privacyNoticeHtml: privacy.privacy_notice ? renderMarkdown(privacy.privacy_notice) : "",
    anonymiseAfterDays: privacy.anonymise_after_days,
  };
}

/** The manage page of a registration: the online link only for someone entitled to it. */
export async function managePageData(db: Kysely<Database>, registration: Registration, token: string) {
  const original = (await findEvent(db, registration.event_id))!;
  const event = await eventInLanguage(db, original, registration.content_language ? [registration.content_language] : []);
  return {
    event: summarise(event, { kind: "attendee", status: registration.status }),
    eventCancelled: event.status === "cancelled",
    networkSlug: event.networkSlug,
    canRegisterAgain: registration.status === "cancelled" && registrationWindow(event, new Date()) === "open",
    registration: {
      name: registration.name ?? "",
      locale: registration.locale,
      status: registration.status,
      position: await waitlistPosition(db, registration),
    },
    feedUrl: personalFeedUrl(token),
  };
}
