import { serverTexts, serverTextsElementId } from "~/i18n/server-texts";

/**
 * The texts the server formatted for this page (see ~/i18n/server-texts), as
 * a JSON block: it runs nothing, so the Content-Security-Policy has no say.
 * Rendered last in the body, after everything that formats.
 */
export function ServerTexts() {
  return (
    <script
      type="application/json"
      id={serverTextsElementId}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: serverTexts() }}
    />
  );
}
