import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { createSession } from "~/modules/auth/sessions.server";
import { getNetworkBySlug } from "~/modules/networks/networks.server";
import { consumeSignInLink, describeSignInLink } from "~/modules/partners/portal.server";
import { database } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { looksLikeToken } from "~/utils/tokens.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.partnerSignIn")];

async function loadNetwork(slug: string | undefined) {
  const db = await database();
  const network = slug ? await getNetworkBySlug(db, slug) : undefined;
  if (!network) notFound("errors.networkNotFound");
  return { db, network };
}

/** Opening the link only shows who it signs in: mail scanners that follow links must not spend it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const { db, network } = await loadNetwork(params.network);
  const link = looksLikeToken(params.token) ? await describeSignInLink(db, network.id, params.token) : undefined;
  return data({ networkName: network.name, link: link ?? null }, { status: link ? 200 : 410 });
}

export async function action({ params }: ActionFunctionArgs) {
  const { db, network } = await loadNetwork(params.network);
  const signedIn = looksLikeToken(params.token) ? await consumeSignInLink(db, network.id, params.token) : undefined;
  if (!signedIn) return data({ failed: true }, { status: 410 });
  throw redirect(`/n/${network.slug}/portal`, { headers: { "Set-Cookie": await createSession(db, signedIn.userId) } });
}

export default function PortalSignInLink() {
  const t = useT();
  const networkSlug = useParams().network;
  const { networkName, link } = useLoaderData<typeof loader>();
  return (
    <section className="page narrow" aria-labelledby="portal-link-title">
      <h1 id="portal-link-title">{t("portal.signIn.confirmTitle", { network: networkName })}</h1>
      {link ? (
        <Form method="post" className="stack">
          <p>{t("portal.signIn.confirmIntro", { email: link.email, organisation: link.organisation })}</p>
          <div className="actions">
            <button type="submit">{t("portal.signIn.confirm")}</button>
          </div>
        </Form>
      ) : (
        <>
          <p role="alert">{t("portal.signIn.invalid")}</p>
          <p>
            <Link to={`/n/${networkSlug}/portal/signin`}>{t("portal.signIn.askAgain")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
