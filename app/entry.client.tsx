import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadCatalogueForPage } from "./i18n/catalogues.client";
import { adoptServerTexts } from "./i18n/server-texts.client";

// Translation is synchronous while rendering, so the page's language is loaded first.
await loadCatalogueForPage(document.documentElement.lang);
adoptServerTexts();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
