import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { ServerTexts } from "~/components/ServerTexts";
import { SiteHeader } from "~/components/SiteHeader";
import { resolveLocale } from "~/i18n/negotiate.server";
import { getCurrentUser } from "~/modules/auth/access.server";
import { describeUnsubscribeLink } from "~/modules/mailings/unsubscribe.server";
import { findRegistrationByToken } from "~/modules/registrations/registrations.server";
import { speakerLocaleForToken } from "~/modules/speakers/response.server";
import { database } from "~/utils/db.server";
import { looksLikeToken } from "~/utils/tokens.server";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  // Browsers ask for /favicon.ico whatever the page says; the SVG is the one they prefer.
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Daymark" }];

/** Pages opened from an e-mail speak the language the recipient is written to in. */
async function emailLinkLocale(request: Request): Promise<string | undefined> {
  const [, section, token] = new URL(request.url).pathname.split("/");
  if (!looksLikeToken(token)) return undefined;
  const db = await database();
  if (section === "registrations") return (await findRegistrationByToken(db, token))?.locale;
  if (section === "speak") return speakerLocaleForToken(db, token);
  if (section === "unsubscribe") return (await describeUnsubscribeLink(db, token))?.language;
  return undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, recipientLocale] = await Promise.all([getCurrentUser(request), emailLinkLocale(request)]);
  const locale = await resolveLocale(request, user?.locale, recipientLocale);
  return {
    locale,
    user: user ? { name: user.name, email: user.email } : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={data?.locale ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        {/* Zod compiles object schemas with `new Function` unless told not to; the page's policy forbids
            eval, so it is told before any schema module loads (zod reads this global when it starts). */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: "window.__zod_globalConfig={jitless:true}" }} />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ServerTexts />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorPage;
