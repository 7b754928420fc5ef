import { AsyncLocalStorage } from "node:async_hooks";
import { serializeTexts, setTextSource } from "./server-texts";

const rendering = new AsyncLocalStorage<Map<string, unknown>>();

setTextSource({
  active: () => rendering.getStore() !== undefined,
  recall: () => undefined,
  record: (key, value) => rendering.getStore()?.set(key, value),
  serialized: () => serializeTexts(rendering.getStore() ?? new Map()),
});

/** Runs `render`, and the work React schedules from it, recording the texts formatted for the page. */
export function recordingTexts<T>(render: () => T): T {
  return rendering.run(new Map(), render);
}
