import type { ReactNode } from "react";
import { useLocale, useT } from "~/i18n/react";
import type { OrganiserRow } from "~/modules/speakers/invitations.server";
import { formatDay, formatTimeSpan } from "~/modules/speakers/format";
import { formatDateTime } from "~/utils/dates";

/** One invitation as organisers see it: state, last contact, what to act on, and (optionally) its actions. */
export function InvitationCard({ invitation, timeZone, children }: { invitation: OrganiserRow; timeZone: string; children?: ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const headingId = `invitation-${invitation.id}`;
  return (
    <li className="card invitation-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {invitation.name} <span className={`state state-${invitation.state}`}>{t(`speakers.states.${invitation.state}`)}</span>
      </h3>
      <dl className="meta-list">
        <dt>{t("speakers.fields.email")}</dt>
        <dd>{invitation.email}</dd>
        <dt>{t("speakers.fields.role")}</dt>
        <dd>{t(`speakers.roles.${invitation.role}`)}</dd>
        <dt>{t("speakers.fields.sessionTitle")}</dt>
        <dd>{invitation.sessionTitle}</dd>
        <dt>{t("speakers.fields.slot")}</dt>
        <dd>
          {invitation.slotStartsAt && invitation.slotEndsAt
            ? formatTimeSpan({ startsAt: invitation.slotStartsAt, endsAt: invitation.slotEndsAt, timeZone }, locale)
            : t("speakers.organiser.wholeEvent")}
        </dd>
        <dt>{t("speakers.fields.replyBy")}</dt>
        <dd>{formatDay(invitation.replyBy, locale)}</dd>
        <dt>{t("speakers.organiser.lastContact")}</dt>
        <dd>{formatDateTime(invitation.lastContactAt, locale, timeZone)}</dd>
        {invitation.respondedAt ? (
          <>
            <dt>{t("speakers.organiser.answeredAt")}</dt>
            <dd>{formatDateTime(invitation.respondedAt, locale, timeZone)}</dd>
          </>
        ) : null}
        {invitation.responseNote ? (
          <>
            <dt>{t("speakers.organiser.note")}</dt>
            <dd>{invitation.responseNote}</dd>
          </>
        ) : null}
        {invitation.state === "accepted" ? (
          <>
            <dt>{t("speakers.organiser.publicProfile")}</dt>
            <dd>
              {[invitation.profile.displayName, invitation.profile.pronouns, invitation.profile.organisation].filter(Boolean).join(" · ")}
            </dd>
            <dt>{t("speakers.organiser.consents")}</dt>
            <dd>
              {[
                invitation.profile.listName ? t("speakers.consents.listName") : t("speakers.organiser.notListed"),
                invitation.profile.photos ? t("speakers.consents.photos") : t("speakers.organiser.noPhotos"),
                invitation.profile.recording ? t("speakers.consents.recording") : t("speakers.organiser.noRecording"),
              ].join(" · ")}
            </dd>
          </>
        ) : null}
        {invitation.needs ? (
          <>
            <dt>{t("speakers.organiser.privateNeeds")}</dt>
            <dd>
              <ul className="plain-list">
                {invitation.needs.travel ? <li>{t("speakers.organiser.needTravel", { text: invitation.needs.travel })}</li> : null}
                {invitation.needs.accessibility ? (
                  <li>{t("speakers.organiser.needAccessibility", { text: invitation.needs.accessibility })}</li>
                ) : null}
                {invitation.needs.interpretation ? (
                  <li>{t("speakers.organiser.needInterpretation", { text: invitation.needs.interpretation })}</li>
                ) : null}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      {invitation.actions.length > 0 ? (
        <div className="to-act">
          <strong>{t("speakers.organiser.toAct")}</strong>
          <ul>
            {invitation.actions.map((action) => (
              <li key={action}>{t(`speakers.organiser.actions.${action}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {children}
    </li>
  );
}
