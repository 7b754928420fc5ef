/**
 * Dates, numbers and country names are formatted by ICU, and Node's ICU and
 * each visitor's browser disagree in small ways (a narrow no-break space
 * around "–", "Hong Kong SAR China" against "Hong Kong", the order of a sorted
 * list). If the browser formats a value differently from the server while
 * hydrating, React throws the server's page away and renders it again, and
 * whatever the visitor typed in the meantime is lost.
 *
 * So every locale-dependent formatter is wrapped in `formattedOnce`: while the
 * server renders a page it records each text it produced, the page carries
 * them (<ServerTexts />, a JSON block that runs nothing), and the browser takes
 * the server's text for the same call instead of formatting it again. Pages
 * reached later by client-side navigation format in the browser as usual:
 * there is nothing on screen to disagree with.
 */
export interface TextSource {
  /** False where there is nothing to recall or record (the server outside a page's render): no key is built. */
  active(): boolean;
  recall(key: string): unknown;
  record(key: string, value: unknown): void;
  /** The recorded texts as JSON, for the page. */
  serialized(): string;
}

const noTexts: TextSource = { active: () => false, recall: () => undefined, record: () => {}, serialized: () => "{}" };
let source: TextSource = noTexts;

/** Set once by each entry: the server records per request, the browser recalls what the page carried. */
export function setTextSource(next: TextSource) {
  source = next;
}

export const serverTextsElementId = "server-texts";

/** The recorded texts, escaped so that no text can close the <script> block. */
export function serializeTexts(texts: Map<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(texts)).replace(/</g, "\\u003c");
}

export function serverTexts(): string {
  return source.serialized();
}

/**
 * `format` as the server did it for these arguments, when the page carries
 * that text; otherwise formatted here (and recorded while the server renders).
 * `keyOf` picks what the text depends on, when the arguments carry more.
 */
export function formattedOnce<A extends unknown[], R>(
  name: string,
  format: (...args: A) => R,
  keyOf: (...args: A) => unknown[] = (...args) => args,
): (...args: A) => R {
  return (...args: A) => {
    if (!source.active()) return format(...args);
    const key = `${name}:${JSON.stringify(keyOf(...args))}`;
    const known = source.recall(key);
    if (known !== undefined) return known as R;
    const value = format(...args);
    source.record(key, value);
    return value;
  };
}
