import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useT } from "~/i18n/react";
import type { TranslationState } from "~/modules/translations/languages";

export interface OriginalText {
  label: string;
  text: string;
  /** Keeps the original's line breaks. */
  multiline?: boolean;
}

/**
 * The page for writing one language of an event, a campaign or a global day:
 * the original's texts on one side, marked with their language for screen
 * readers, and the translation's form (`children`) beside them.
 */
export function TranslationEditor(props: {
  editUrl: string;
  languageName: string;
  title: string;
  state: TranslationState;
  saved: boolean;
  original: { name: string; language: string; texts: OriginalText[] };
  children: ReactNode;
}) {
  const t = useT();
  const { original } = props;
  return (
    <section className="page" aria-labelledby="translation-title">
      <p>
        <Link to={props.editUrl}>{t("translations.editor.back")}</Link>
      </p>
      <h1 id="translation-title">{t("translations.editor.title", { language: props.languageName })}</h1>
      <p className="lead">{t("translations.editor.lead", { title: props.title })}</p>
      {props.saved ? (
        <p className="notice" role="status">
          {t("translations.editor.saved")}
        </p>
      ) : props.state === "outdated" ? (
        <p className="banner banner--warning">{t("translations.editor.outdated")}</p>
      ) : null}
      <div className="translation-columns">
        <section aria-labelledby="original-title" className="card">
          <h2 id="original-title">{t("translations.editor.original", { language: original.name })}</h2>
          <dl className="meta-list">
            {original.texts.map((text) => (
              <Fragment key={text.label}>
                <dt>{text.label}</dt>
                <dd className={text.multiline ? "pre-line" : undefined} lang={original.language}>
                  {text.text}
                </dd>
              </Fragment>
            ))}
          </dl>
        </section>
        {props.children}
      </div>
    </section>
  );
}
