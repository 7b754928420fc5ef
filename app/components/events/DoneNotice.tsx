import { useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/react";

const outcomes = [
  "created",
  "submitted",
  "updated",
  "flagged",
  "published",
  "approved",
  "rejected",
  "postponed",
  "cancelled",
  "acknowledged",
] as const;

/**
 * What the last action did, from `?done=` after its redirect: the message
 * survives a page without JavaScript and is announced to screen readers.
 */
export function DoneNotice() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const done = outcomes.find((outcome) => outcome === searchParams.get("done"));
  if (!done) return null;
  return (
    <p className="notice" role="status">
      {t(`events.admin.done.${done}`)}
    </p>
  );
}
