import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address (behind a proxy only when TRUST_PROXY is set), for rate limits. */
    clientAddress: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
