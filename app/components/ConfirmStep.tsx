import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/react";

/** The form field that tells an action the person saw the confirmation step. */
export const confirmedField = "confirmed";

/** True when a post comes from a ConfirmStep's button rather than the first click. */
export function isConfirmed(formData: FormData): boolean {
  return formData.get(confirmedField) === "yes";
}

/**
 * The second step of an action that cannot be undone. The first click posts
 * without `confirmed`; the action answers with what would happen (to whom, to
 * how many), rendered here with one button that does it and one way back. It
 * is an ordinary server round trip, so it works the same without JavaScript.
 */
export function ConfirmStep({
  title,
  message,
  confirmLabel,
  fields,
  cancelTo,
  action,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  /** The first post's own fields (intent, ids, …), sent again with the confirmation. */
  fields: Record<string, string>;
  /** Where "Go back" leads: the page as it was before the first click. */
  cancelTo: string;
  action?: string;
}) {
  const t = useT();
  return (
    <div className="confirm-step" role="alertdialog" aria-labelledby="confirm-step-title" aria-describedby="confirm-step-message">
      <h2 id="confirm-step-title">{title}</h2>
      <p id="confirm-step-message">{message}</p>
      <Form method="post" action={action} className="actions">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name={confirmedField} value="yes" />
        <button type="submit" className="button-danger">
          {confirmLabel}
        </button>
        <Link to={cancelTo} className="button button-secondary" preventScrollReset>
          {t("confirm.back")}
        </Link>
      </Form>
    </div>
  );
}
