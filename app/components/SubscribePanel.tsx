import { useEffect, useId, useState } from "react";
import { useT } from "~/i18n/react";
import { subscribeLinks } from "~/modules/feeds/feeds.schema";

interface SubscribePanelProps {
  /** The feed's absolute https (or http) address. */
  url: string;
  /** The calendar's name, shown by Outlook when it adds the feed. */
  name: string;
  /** A private feed: warns that the address must not be shared. */
  private?: boolean;
  /** Heading level, to fit the page's outline. */
  headingLevel?: 2 | 3;
  /** The same feed with its texts in the network's other content languages (`?lang=`), each named in itself. */
  languages?: { language: string; name: string; url: string }[];
}

/**
 * "Subscribe" for a calendar feed: webcal:// for Apple and Thunderbird, one
 * click for Google and Outlook, the plain address with a copy button, and an
 * honest word on how slowly Google refreshes. Works without JavaScript (the
 * copy button appears once the page is interactive).
 */
export function SubscribePanel({ url, name, private: isPrivate = false, headingLevel = 2, languages = [] }: SubscribePanelProps) {
  const t = useT();
  const id = useId();
  const links = subscribeLinks(url, name);
  const [canCopy, setCanCopy] = useState(false);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  const Heading = headingLevel === 2 ? "h2" : "h3";

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  return (
    <section className="subscribe-panel" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{t("feeds.subscribe.title")}</Heading>
      <p>{t("feeds.subscribe.intro")}</p>
      {isPrivate ? <p className="notice">{t("feeds.subscribe.privateNote")}</p> : null}
      <ul className="subscribe-links">
        <li>
          <a href={links.webcal}>{t("feeds.subscribe.appleOrThunderbird")}</a>
        </li>
        <li>
          <a href={links.google} rel="noopener noreferrer" target="_blank">
            {t("feeds.subscribe.google")}
          </a>
        </li>
        <li>
          <a href={links.outlook} rel="noopener noreferrer" target="_blank">
            {t("feeds.subscribe.outlook")}
          </a>
        </li>
        <li>
          <a href={links.outlook365} rel="noopener noreferrer" target="_blank">
            {t("feeds.subscribe.outlook365")}
          </a>
        </li>
        <li>
          <a href={links.https} download>
            {t("feeds.subscribe.download")}
          </a>
        </li>
      </ul>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t("feeds.subscribe.linkLabel")}</label>
        <div className="copy-row">
          <input id={`${id}-url`} type="text" readOnly value={url} onFocus={(event) => event.currentTarget.select()} />
          {canCopy ? (
            <button type="button" onClick={copy}>
              {t("feeds.subscribe.copy")}
            </button>
          ) : null}
        </div>
        <p className="field-hint" role="status" aria-live="polite">
          {copyState === "copied" ? t("feeds.subscribe.copied") : copyState === "failed" ? t("feeds.subscribe.copyFailed") : ""}
        </p>
      </div>
      {languages.length > 0 ? (
        <p className="feed-languages">
          {t("translations.feeds.languages")}{" "}
          {languages.map((entry, index) => (
            <span key={entry.language}>
              {index > 0 ? " · " : null}
              <a href={entry.url} hrefLang={entry.language} lang={entry.language} type="text/calendar">
                {entry.name}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      <p className="field-hint">{t("feeds.subscribe.googleNote")}</p>
    </section>
  );
}
