import { fileURLToPath } from "node:url";

/** The `~` import aliases of tsconfig.json, shared by the app build and vitest. */
export const pathAliases = {
  "~db": fileURLToPath(new URL("./db", import.meta.url)),
  "~emails": fileURLToPath(new URL("./emails", import.meta.url)),
  "~": fileURLToPath(new URL("./app", import.meta.url)),
};
