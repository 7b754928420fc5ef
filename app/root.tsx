import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { ServerTexts } from "~/components/ServerTexts";
import { SiteHeader } from "~/components/SiteHeader";
import { resolveLocale } from "~/i18n/negotiate.server";
import { getCurrentUser } from "~/modules/auth/access.server";
import stylesheet from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Daymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  const locale = await resolveLocale(request, user?.locale);
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
