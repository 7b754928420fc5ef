import type { RegistrationStatus, SpeakerStatus } from "~db/types";

/**
 * Who is reading about an event, as far as its online meeting link goes.
 * Hosts are the network's organisers and the event's own partners: they set
 * the link and run the room.
 */
export type OnlineLinkReader =
  { kind: "visitor" } | { kind: "attendee"; status: RegistrationStatus } | { kind: "speaker"; status: SpeakerStatus } | { kind: "host" };

export const visitor: OnlineLinkReader = { kind: "visitor" };

/**
 * The one rule for online meeting links, applied by every page, calendar
 * file, feed, e-mail and reminder: a link is a door into a closed room, so
 * only confirmed or checked-in attendees, accepted speakers and the hosts
 * are entitled to it. Waitlisted, cancelled, invited, declined, undecided and
 * withdrawn people are not.
 */
export function isEntitledToOnlineLink(reader: OnlineLinkReader): boolean {
  switch (reader.kind) {
    case "attendee":
      return reader.status === "confirmed" || reader.status === "attended";
    case "speaker":
      return reader.status === "accepted";
    case "host":
      return true;
    case "visitor":
      return false;
  }
}

/** The event's online link as this reader may see it: a link the organisers made public reaches everyone. */
export function onlineLinkFor(event: { onlineUrl: string | null; onlineUrlPublic: boolean }, reader: OnlineLinkReader): string | null {
  if (!event.onlineUrl) return null;
  return event.onlineUrlPublic || isEntitledToOnlineLink(reader) ? event.onlineUrl : null;
}
