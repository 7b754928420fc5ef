const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  path: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  host: string | undefined;
  protocol: string;
}

/**
 * Cross-site request forgery guard for every mutating request. Browsers send
 * Sec-Fetch-Site and Origin on form posts; a post from another site is refused.
 * Requests with neither header come from non-browser clients, which carry no
 * victim's cookies. `openPaths` lists endpoints meant to be posted from
 * elsewhere (such as one-click unsubscribe).
 */
export function isCrossSiteMutation(request: RequestOrigin, appUrl: string, openPaths: readonly string[] = []): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (openPaths.some((path) => request.path === path || request.path.startsWith(`${path}/`))) return false;
  if (request.secFetchSite) return !["same-origin", "none"].includes(request.secFetchSite);
  if (request.origin === undefined) return false;
  const allowed = new Set([new URL(appUrl).origin]);
  if (request.host) allowed.add(`${request.protocol}://${request.host}`);
  return !allowed.has(request.origin);
}
