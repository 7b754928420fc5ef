import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address, for rate limits: the first hop TRUST_PROXY does not trust (app/utils/proxy-trust.server.ts). */
    clientAddress: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
