import { useT } from "~/i18n/react";
import type { ContentLanguageNote as Note } from "~/modules/translations/present.server";

/**
 * Under a translated page's title: says when the reader's language is not
 * written and the page falls back, and links to the other languages the
 * content is written in (plain links, so it works without JavaScript).
 */
export function ContentLanguageNote({ note }: { note: Note }) {
  const t = useT();
  const others = note.languages.filter((entry) => !entry.current);
  if (!note.fallback && others.length === 0) return null;
  return (
    <div className="content-language">
      {note.fallback ? (
        <p className="notice" role="note">
          {t("translations.reader.fallback", { shown: note.fallback.shown, wanted: note.fallback.wanted })}
        </p>
      ) : null}
      {others.length > 0 ? (
        <nav aria-label={t("translations.reader.switchLabel")}>
          {t("translations.reader.switch")}{" "}
          {others.map((entry, index) => (
            <span key={entry.language}>
              {index > 0 ? ", " : null}
              <a href={entry.href} hrefLang={entry.language} lang={entry.language}>
                {entry.name}
              </a>
            </span>
          ))}
        </nav>
      ) : null}
    </div>
  );
}
