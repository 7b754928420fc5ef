import { Form, Link } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import type { Translate } from "~/i18n/translate";
import { actionStatuses, type ActionStatus } from "~/modules/campaigns/campaigns.schema";
import { formatDay } from "~/modules/days/format";

export interface ActionItemData {
  id: string;
  title: string;
  dueOn: string | null;
  offsetDays: number | null;
  fixedDate: boolean;
  owner: { kind: "user" | "partner"; name: string } | null;
  status: ActionStatus;
  notes: string;
  overdue: boolean;
  canEdit: boolean;
  campaignTitle?: string;
  campaignSlug?: string;
}

/** "21 days before World AIDS Day", "on World AIDS Day", "3 days after …". */
export function offsetText(t: Translate, offsetDays: number, day: string): string {
  if (offsetDays === 0) return t("campaigns.actions.onTheDay", { day });
  return offsetDays < 0
    ? t("campaigns.actions.daysBefore", { count: -offsetDays, day })
    : t("campaigns.actions.daysAfter", { count: offsetDays, day });
}

/**
 * One action of a plan: what, when, who, status. Those who may change it get
 * a small status form that works without JavaScript.
 */
export function ActionItem({
  action,
  anchorLabel,
  editHref,
  campaignHref,
}: {
  action: ActionItemData;
  anchorLabel: string;
  editHref: string | null;
  campaignHref?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const statusId = `status-${action.id}`;
  return (
    <li className={`action${action.overdue ? " action--overdue" : ""} action--${action.status}`}>
      <div className="action__head">
        <span className="action__title">{action.title}</span>
        {action.overdue ? <strong className="badge badge--overdue">{t("campaigns.actions.overdue")}</strong> : null}
        <span className={`status status--${action.status}`}>{t(`campaigns.actionStatus.${action.status}`)}</span>
      </div>
      <p className="action__meta">
        {action.dueOn ? <time dateTime={action.dueOn}>{formatDay(action.dueOn, locale)}</time> : t("campaigns.actions.noDate")}
        {!action.fixedDate && action.offsetDays !== null ? ` (${offsetText(t, action.offsetDays, anchorLabel)})` : null}
        {" · "}
        {action.owner
          ? action.owner.kind === "user"
            ? t("campaigns.actions.ownerUser", { name: action.owner.name })
            : t("campaigns.actions.ownerPartner", { name: action.owner.name })
          : t("campaigns.actions.noOwner")}
        {campaignHref && action.campaignTitle ? (
          <>
            {" · "}
            <Link to={campaignHref}>{action.campaignTitle}</Link>
          </>
        ) : null}
      </p>
      {action.notes ? <p className="action__notes">{action.notes}</p> : null}
      {action.canEdit ? (
        <Form method="post" className="inline-controls">
          <input type="hidden" name="intent" value="progress" />
          <input type="hidden" name="actionId" value={action.id} />
          <label htmlFor={statusId} className="visually-hidden">
            {t("campaigns.actions.statusOf", { title: action.title })}
          </label>
          <select id={statusId} name="status" defaultValue={action.status} key={action.status}>
            {actionStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`campaigns.actionStatus.${status}`)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button-secondary button-small"
            aria-label={t("campaigns.actions.saveStatusOf", { title: action.title })}
          >
            {t("campaigns.actions.saveStatus")}
          </button>
          {editHref ? (
            <Link to={editHref} aria-label={t("campaigns.actions.editLabel", { title: action.title })}>
              {t("campaigns.actions.edit")}
            </Link>
          ) : null}
        </Form>
      ) : null}
    </li>
  );
}
