import { Form, useLocation } from "@remix-run/react";
import { localeNames, locales } from "~/i18n/locales";
import { useLocale, useT } from "~/i18n/react";

/** A plain form: works without JavaScript and reloads the page in the chosen language. */
export function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" reloadDocument className="language-switcher">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-select" className="visually-hidden">
        {t("layout.language")}
      </label>
      <select id="language-select" name="locale" defaultValue={locale}>
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="button-secondary button-small">
        {t("layout.changeLanguage")}
      </button>
    </Form>
  );
}
