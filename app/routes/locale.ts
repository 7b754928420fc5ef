import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/locales";
import { localeCookie } from "~/i18n/negotiate.server";
import { getCurrentUser } from "~/modules/auth/access.server";
import { setUserLocale } from "~/modules/auth/accounts.server";
import { database } from "~/utils/db.server";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { safeRedirectPath } from "~/utils/safe-redirect.server";

/** The language switcher posts here; the choice is kept in a cookie and, when signed in, on the account. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const locale = form.get("locale");
  if (!isLocale(locale)) httpError(400, "errors.badRequest");
  const user = await getCurrentUser(request);
  if (user) await setUserLocale(await database(), user.id, locale);
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}

export function loader() {
  return redirect("/");
}
