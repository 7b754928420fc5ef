import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./components/nonce";
import "./i18n/catalogues.server";
import { recordingTexts } from "./i18n/server-texts.server";
import { databaseUnreachableInThisRequest, noteRequestError, outageResponse } from "./utils/database-outage.server";
import { contentSecurityPolicy, newNonce } from "./utils/security-headers.server";

// The custom server (server.mjs) reaches start-up, the origin guard and the feeds' fast path through the build.
export { startServices, stopServices } from "./services.server";
export { isCrossSiteMutation } from "./utils/origin.server";
export { getEnv } from "./utils/env.server";
export { clientAddress, proxyTrustFunction } from "./utils/proxy-trust.server";
export { handleFeedRequest } from "./modules/feeds/serve.server";
export { refusalPage, screenUrl } from "./utils/request-screen.server";
export { answerDuringOutages } from "./utils/database-outage.server";
export { framingHeaders, transportSecurityHeaders } from "./utils/security-headers.server";

const ABORT_DELAY = 5_000;

/** Remix's default (log what was not a client going away), plus noting a database that cannot be reached. */
export function handleError(error: unknown, { request }: { request: Request }) {
  noteRequestError(error);
  if (!request.signal.aborted) console.error(error);
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  // Without its database a page can say nothing true: a plain page says so, and when to come back.
  if (databaseUnreachableInThisRequest()) return outageResponse(request.headers);
  // Bots and no-JavaScript readers get the whole page at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const nonce = newNonce();
  // The development server injects its own inline scripts and a websocket: the policy is for built pages.
  if (process.env.NODE_ENV !== "development") responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const page = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = recordingTexts(() =>
      renderToPipeableStream(page, {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      }),
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
