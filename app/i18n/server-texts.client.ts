import { serverTextsElementId, setTextSource } from "./server-texts";

/** Before hydrating: the texts the server formatted for this page are the ones to show. */
export function adoptServerTexts() {
  const serialized = document.getElementById(serverTextsElementId)?.textContent || "{}";
  const texts = JSON.parse(serialized) as Record<string, unknown>;
  const carriesTexts = Object.keys(texts).length > 0;
  setTextSource({
    active: () => carriesTexts,
    recall: (key) => (Object.hasOwn(texts, key) ? texts[key] : undefined),
    record: () => {},
    serialized: () => serialized,
  });
}
