import { useNonce } from "~/components/nonce";
import { serverTexts, serverTextsElementId } from "~/i18n/server-texts";

/**
 * The texts the server formatted for this page (see ~/i18n/server-texts), as
 * a JSON block. It runs nothing, but carries the page's nonce like every
 * other script element, so the page holds no script the policy did not name.
 * Rendered last in the body, after everything that formats.
 */
export function ServerTexts() {
  const nonce = useNonce();
  return (
    <script
      type="application/json"
      id={serverTextsElementId}
      nonce={nonce}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: serverTexts() }}
    />
  );
}
