import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";
import { pathAliases } from "./vite.aliases";

export default defineConfig({
  plugins: [remix(remixConfig)],
  resolve: { alias: pathAliases },
  build: { target: "es2022" },
  server: { port: 3000 },
});
