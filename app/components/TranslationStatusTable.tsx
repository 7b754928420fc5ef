import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { TranslationState } from "~/modules/translations/languages";

export interface TranslationStatusRow {
  language: string;
  /** The language's name in the page's language. */
  name: string;
  state: TranslationState;
}

/**
 * The organiser's view of an event's or campaign's translations: each of the
 * network's content languages, whether its version is missing, older than
 * the original's last change, or up to date, and a link to write it.
 */
export function TranslationStatusTable({
  rows,
  originalName,
  editBase,
  languagesUrl,
}: {
  rows: TranslationStatusRow[];
  originalName: string;
  /** The translation editor's path without the language. */
  editBase: string;
  /** The owner's content-languages page, offered when there are none yet. */
  languagesUrl: string | null;
}) {
  const t = useT();
  return (
    <section aria-labelledby="translations-title" className="card" id="translations">
      <h2 id="translations-title">{t("translations.status.title")}</h2>
      <p>{t("translations.status.intro", { language: originalName })}</p>
      {rows.length === 0 ? (
        <p>
          {t("translations.status.none")} {languagesUrl ? <Link to={languagesUrl}>{t("translations.status.setUp")}</Link> : null}
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("translations.status.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("translations.status.language")}</th>
                <th scope="col">{t("translations.status.state")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("translations.editor.save")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.language} data-language={row.language}>
                  <td>{row.name}</td>
                  <td className={`translation-state translation-state--${row.state}`}>{t(`translations.status.${row.state}`)}</td>
                  <td>
                    <Link to={`${editBase}/${encodeURIComponent(row.language)}`}>
                      {t(row.state === "missing" ? "translations.status.write" : "translations.status.update", { language: row.name })}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
