import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SelectField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { InviteMemberSchema } from "~/modules/networks/networks.schema";
import { inviteMember, listPendingInvitations, withdrawMemberInvitation } from "~/modules/networks/invitations.server";
import { listMembers } from "~/modules/networks/networks.server";
import { formatDate } from "~/utils/dates";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.members")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "owner");
  const [members, invitations] = await Promise.all([listMembers(db, network.id), listPendingInvitations(db, network.id)]);
  return {
    timeZone: network.time_zone,
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expires_at.toISOString() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "owner");
  const formData = await readFormData(request);
  if (formData.get("intent") === "withdraw") {
    const invitationId = formData.get("invitationId");
    if (typeof invitationId !== "string" || !isUuid(invitationId)) httpError(400, "errors.badRequest");
    const email = (await listPendingInvitations(db, network.id)).find((i) => i.id === invitationId)?.email;
    if (!email || !(await withdrawMemberInvitation(db, { networkId: network.id, invitationId, actorUserId: user.id }))) {
      httpError(409, "errors.badRequest");
    }
    return { result: undefined, invited: null, withdrawn: email };
  }
  const submission = parseWithZod(formData, { schema: InviteMemberSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), invited: null, withdrawn: null }, { status: 400 });
  const members = await listMembers(db, network.id);
  if (members.some((member) => member.email === submission.value.email)) {
    return data(
      { result: submission.reply({ fieldErrors: { email: ["members.alreadyMember"] } }), invited: null, withdrawn: null },
      { status: 409 },
    );
  }
  await inviteMember(db, {
    network: { id: network.id, name: network.name },
    inviter: { id: user.id, name: user.name },
    email: submission.value.email,
    role: submission.value.role,
    locale: await resolveLocale(request, user.locale),
  });
  return { result: submission.reply({ resetForm: true }), invited: submission.value.email, withdrawn: null };
}

export default function Members() {
  const t = useT();
  const locale = useLocale();
  const { members, invitations, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite-member",
    lastResult: actionData?.result,
    defaultValue: { role: "organiser" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteMemberSchema }),
  });
  return (
    <section className="page" aria-labelledby="members-title">
      <h1 id="members-title">{t("members.title")}</h1>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("members.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("members.email")}</th>
              <th scope="col">{t("members.role")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>{t(`roles.${member.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("members.invite.title")}</h2>
      {actionData?.invited ? (
        <p className="notice" role="status">
          {t("members.invite.sent", { email: actionData.invited })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <TextField field={fields.email} label={t("members.email")} type="email" autoComplete="off" />
        <SelectField
          field={fields.role}
          label={t("members.role")}
          options={[
            { value: "organiser", label: t("roles.organiser") },
            { value: "owner", label: t("roles.owner") },
          ]}
        />
        <div className="actions">
          <button type="submit">{t("members.invite.submit")}</button>
        </div>
      </Form>

      {invitations.length > 0 ? (
        <>
          <h2>{t("members.pending.title")}</h2>
          <ul className="plain-list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                {t("members.pending.entry", {
                  email: invitation.email,
                  role: t(`roles.${invitation.role}`),
                  date: formatDate(invitation.expiresAt, locale, timeZone),
                })}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" name="intent" value="withdraw" className="button-secondary button-small">
                    {t("members.pending.withdraw", { email: invitation.email })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {actionData?.withdrawn ? (
        <p className="notice" role="status">
          {t("members.pending.withdrawn", { email: actionData.withdrawn })}
        </p>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
