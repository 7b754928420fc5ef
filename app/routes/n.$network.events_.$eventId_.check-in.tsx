import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { requireOrganiserEvent } from "~/modules/registrations/access.server";
import { listAttendees } from "~/modules/registrations/organiser.server";
import { moveAttendee } from "~/modules/registrations/registrations.server";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.checkIn")];

/** The door list on a phone: people with a seat, one large button each. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await requireOrganiserEvent(request, params.network, params.eventId);
  const search = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const people = (await listAttendees(db, event.id, search)).filter((row) => row.status === "confirmed" || row.status === "attended");
  return {
    title: event.title,
    search,
    people: people.map((row) => ({ id: row.id, name: row.name, attended: row.status === "attended" })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event } = await requireOrganiserEvent(request, params.network, params.eventId);
  const formData = await readFormData(request);
  const registrationId = formData.get("registrationId");
  if (typeof registrationId !== "string" || !isUuid(registrationId)) httpError(400, "errors.badRequest");
  // A tap on the wrong name at the door is undone by putting the person back among the confirmed.
  const status = formData.get("intent") === "undo" ? "confirmed" : "attended";
  const { moved } = await moveAttendee(db, { eventId: event.id, registrationId, status });
  if (!moved) httpError(404, "errors.notFound");
  return null;
}

export default function CheckIn() {
  const t = useT();
  const { title, people, search } = useLoaderData<typeof loader>();
  const arrived = people.filter((person) => person.attended).length;
  return (
    <section className="page narrow" aria-labelledby="check-in-title">
      <h1 id="check-in-title">{t("registrations.checkIn.title", { event: title })}</h1>
      <p role="status">{t("registrations.checkIn.progress", { attended: arrived, total: people.length })}</p>
      <Form method="get" className="actions" role="search">
        <div className="field">
          <label htmlFor="check-in-search">{t("registrations.attendees.search")}</label>
          <input id="check-in-search" type="search" name="q" defaultValue={search} />
        </div>
        <button type="submit" className="button-secondary">
          {t("registrations.attendees.searchSubmit")}
        </button>
      </Form>
      {people.length === 0 ? <p>{t("registrations.checkIn.empty")}</p> : null}
      <ul className="check-in-list">
        {people.map((person) => (
          <li key={person.id}>
            <span>{person.name}</span>
            {person.attended ? (
              <Form method="post" className="check-in-done">
                <strong>{t("registrations.checkIn.arrived")}</strong>
                <input type="hidden" name="registrationId" value={person.id} />
                <button
                  type="submit"
                  name="intent"
                  value="undo"
                  className="button-secondary"
                  aria-label={t("registrations.checkIn.undo", { name: person.name })}
                >
                  {t("registrations.checkIn.undoShort")}
                </button>
              </Form>
            ) : (
              <Form method="post">
                <input type="hidden" name="registrationId" value={person.id} />
                <button type="submit" aria-label={t("registrations.checkIn.markArrived", { name: person.name })}>
                  {t("registrations.checkIn.markArrivedShort")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
