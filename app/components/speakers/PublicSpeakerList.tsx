import { useLocale, useT } from "~/i18n/react";
import { formatTimeSpan } from "~/modules/speakers/format";
import type { SpeakerRole } from "~/modules/speakers/speakers.schema";

/** What listPublicSpeakers returns, as it reaches the browser. */
export interface PublicSpeakerView {
  id: string;
  displayName: string;
  pronouns: string;
  organisation: string;
  bio: string;
  role: SpeakerRole;
  sessionTitle: string;
  slotStartsAt: string | null;
  slotEndsAt: string | null;
  photosAllowed: boolean;
  recordingAllowed: boolean;
}

/**
 * The speakers section of an event page: only speakers who agreed to be
 * listed, under the name they chose, with no picture. Attendees are told
 * whom not to photograph or record.
 */
export function PublicSpeakerList({
  speakers,
  timeZone,
  headingLevel = 2,
}: {
  speakers: PublicSpeakerView[];
  timeZone: string;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const locale = useLocale();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  if (speakers.length === 0) return <p>{t("speakers.public.empty")}</p>;
  return (
    <ul className="speaker-list">
      {speakers.map((speaker) => (
        <li key={speaker.id} className="card speaker-card">
          <Heading className="speaker-name">
            {speaker.displayName}
            {speaker.pronouns ? <span className="speaker-pronouns"> ({speaker.pronouns})</span> : null}
          </Heading>
          <p className="speaker-role">
            {t(`speakers.roles.${speaker.role}`)} · {speaker.sessionTitle}
          </p>
          {speaker.organisation ? <p>{speaker.organisation}</p> : null}
          {speaker.slotStartsAt && speaker.slotEndsAt ? (
            <p>{formatTimeSpan({ startsAt: speaker.slotStartsAt, endsAt: speaker.slotEndsAt, timeZone }, locale)}</p>
          ) : null}
          {speaker.bio ? <p className="speaker-bio">{speaker.bio}</p> : null}
          {!speaker.photosAllowed || !speaker.recordingAllowed ? (
            <p className="field-hint">
              {!speaker.photosAllowed && !speaker.recordingAllowed
                ? t("speakers.public.noPhotosNoRecording")
                : !speaker.photosAllowed
                  ? t("speakers.public.noPhotos")
                  : t("speakers.public.noRecording")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
