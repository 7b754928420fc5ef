import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { CampaignNav } from "~/components/campaigns/CampaignNav";
import { EventList } from "~/components/events/calendar";
import { DaySwatch } from "~/components/campaigns/DaySwatch";
import { FormErrors, SelectField, TextAreaField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { SubscribePanel } from "~/components/SubscribePanel";
import { useLocale, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { getCurrentUser, requireMembership } from "~/modules/auth/access.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import type { PledgeKind } from "~db/types";
import { PledgeSchema, pledgeKindKeys, pledgeKinds } from "~/modules/campaigns/campaigns.schema";
import { getCampaign, isPublic } from "~/modules/campaigns/campaigns.server";
import { addPledge, listPledges, withdrawPledge } from "~/modules/campaigns/pledges.server";
import { formatDayRange } from "~/modules/days/format";
import { inReaderLanguage, listEventsForCampaign } from "~/modules/events/calendar.server";
import { contentLanguagePreferences } from "~/i18n/negotiate.server";
import { feedLanguages, presentContentLanguage } from "~/modules/translations/present.server";
import { campaignInLanguage } from "~/modules/translations/campaign-translations.server";
import { daysInLanguage } from "~/modules/translations/days.server";
import { ContentLanguageNote } from "~/components/ContentLanguageNote";
import { feedPath } from "~/modules/feeds/feeds.schema";
import { getEnv } from "~/utils/env.server";
import { presentSummary } from "~/modules/events/present.server";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { getMembershipRole, getNetworkBySlug } from "~/modules/networks/networks.server";
import { getPartnerOfUser } from "~/modules/partners/partners.server";
import { database } from "~/utils/db.server";
import { isUuid, readFormData } from "~/utils/forms.server";
import { forbidden, httpError, notFound } from "~/utils/http.server";
import { renderMarkdown } from "~/utils/markdown.server";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle, namedTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(args.data.campaign.title) : pageTitle(args, "titles.campaign"),
];

/** The campaign's public page: anyone may read a published campaign; drafts only its organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await database();
  const network = params.network ? await getNetworkBySlug(db, params.network) : undefined;
  if (!network) notFound("errors.networkNotFound");
  const user = await getCurrentUser(request);
  const locale = await resolveLocale(request, user?.locale);
  const campaign = params.slug ? await getCampaign(db, network.id, params.slug, locale) : undefined;
  if (!campaign) notFound();
  const role = user ? await getMembershipRole(db, network.id, user.id) : undefined;
  const organiser = role ? roleAtLeast(role, "organiser") : false;
  if (!isPublic(campaign.status) && !organiser) notFound();
  const partner = user && role ? await getPartnerOfUser(db, network.id, user.id) : undefined;
  const pledges = await listPledges(db, network.id, campaign.id);
  const events = await listEventsForCampaign(db, {
    networkId: network.id,
    campaignId: campaign.id,
    viewer: { role: role ?? null, partnerId: partner?.id ?? null },
  });
  const reading = { preferences: await contentLanguagePreferences(request, locale), fallbacks: [network.content_language] };
  const texts = await campaignInLanguage(db, campaign, reading.preferences, reading.fallbacks);
  const translatedFeed = texts.language !== campaign.content_language ? texts.language : undefined;
  const day = campaign.day
    ? (await daysInLanguage(db, network.id, [campaign.day.id], reading.preferences, reading.fallbacks)).get(campaign.day.id)
    : undefined;
  const campaignFeed = (lang: string | undefined) =>
    `${getEnv().appUrl}${feedPath({ kind: "campaign", network: network.slug, campaignId: campaign.id, filters: {}, lang })}`;
  return {
    events: (await inReaderLanguage(db, events, reading)).map((event) => presentSummary(event, locale)),
    // Only a public campaign has a public feed.
    feedUrl: isPublic(campaign.status) ? campaignFeed(translatedFeed) : null,
    feedLanguages: feedLanguages(texts.available, texts.language, campaignFeed),
    contentLanguage: presentContentLanguage(texts, reading.preferences, locale, `/n/${network.slug}/campaigns/${campaign.slug}`),
    texts: {
      title: texts.title,
      goals: { html: renderMarkdown(texts.goals.text), language: texts.goals.language },
      keyMessages: { html: renderMarkdown(texts.keyMessages.text), language: texts.keyMessages.language },
      materials: texts.materials,
    },
    campaign: {
      slug: campaign.slug,
      title: texts.title.text,
      status: campaign.status,
      startsOn: campaign.starts_on,
      endsOn: campaign.ends_on,
      day: campaign.day ? { ...campaign.day, name: day?.name.text ?? campaign.day.name, nameLanguage: day?.name.language ?? null } : null,
    },
    member: Boolean(role),
    organiser,
    pledgeCount: pledges.length,
    partnerCount: new Set(pledges.map((p) => p.partnerId)).size,
    partner: partner
      ? {
          name: partner.name,
          pledges: pledges.filter((p) => p.partnerId === partner.id).map((p) => ({ id: p.id, kind: p.kind, details: p.details })),
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, params.network, "partner");
  const { db, network, user } = membership;
  const { campaign, actor } = await requireCampaign(db, membership, params.slug, user.locale ?? "en");
  if (campaign.status !== "published") httpError(409, "errors.badRequest");
  if (!actor.partnerId) forbidden("errors.forbidden");
  const formData = await readFormData(request);
  if (formData.get("intent") === "withdraw") {
    const pledgeId = String(formData.get("pledgeId") ?? "");
    if (!isUuid(pledgeId)) httpError(400, "errors.badRequest");
    const withdrawn = await withdrawPledge(db, { networkId: network.id, campaignId: campaign.id, pledgeId, partnerId: actor.partnerId });
    if (!withdrawn) notFound();
    return { result: null, pledged: false };
  }
  const submission = parseWithZod(formData, { schema: PledgeSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), pledged: false }, { status: 400 });
  await addPledge(db, { networkId: network.id, campaignId: campaign.id, partnerId: actor.partnerId, userId: user.id, ...submission.value });
  return { result: submission.reply({ resetForm: true }), pledged: true };
}

export default function CampaignPage() {
  const t = useT();
  const locale = useLocale();
  const { campaign, texts, member, organiser, partner, pledgeCount, partnerCount, events, feedUrl, feedLanguages, contentLanguage } =
    useLoaderData<typeof loader>();
  const networkSlug = useParams().network!;
  const base = `/n/${networkSlug}/campaigns/${campaign.slug}`;
  return (
    <article className="page" aria-labelledby="campaign-title">
      <p className="eyebrow">
        {campaign.day ? (
          <>
            <DaySwatch colour={campaign.day.colour} /> <span lang={campaign.day.nameLanguage ?? undefined}>{campaign.day.name}</span>
            {" · "}
          </>
        ) : null}
        {campaign.startsOn ? (
          <time dateTime={campaign.startsOn}>{formatDayRange(campaign.startsOn, campaign.endsOn ?? campaign.startsOn, locale)}</time>
        ) : null}
        {campaign.status !== "published" ? (
          <>
            {" · "}
            <span className={`status status--${campaign.status}`}>{t(`campaigns.status.${campaign.status}`)}</span>
          </>
        ) : null}
      </p>
      <h1 id="campaign-title" lang={texts.title.language}>
        {texts.title.text}
      </h1>
      <ContentLanguageNote note={contentLanguage} />
      {member ? <CampaignNav base={base} organiser={organiser} /> : null}
      <section aria-labelledby="campaign-events-title">
        <h2 id="campaign-events-title">{t("campaigns.page.events")}</h2>
        {events.length > 0 ? (
          <EventList events={events} networkSlug={networkSlug} headingLevel={3} />
        ) : (
          <p>{t("campaigns.page.noEvents")}</p>
        )}
        {feedUrl ? <SubscribePanel url={feedUrl} name={campaign.title} headingLevel={3} languages={feedLanguages} /> : null}
      </section>
      {texts.goals.html ? (
        <section aria-labelledby="goals-title">
          <h2 id="goals-title">{t("campaigns.fields.goals")}</h2>
          <div className="prose" lang={texts.goals.language} dangerouslySetInnerHTML={{ __html: texts.goals.html }} />
        </section>
      ) : null}
      {texts.keyMessages.html ? (
        <section aria-labelledby="messages-title">
          <h2 id="messages-title">{t("campaigns.fields.keyMessages")}</h2>
          <div className="prose" lang={texts.keyMessages.language} dangerouslySetInnerHTML={{ __html: texts.keyMessages.html }} />
        </section>
      ) : null}
      {texts.materials.length > 0 ? (
        <section aria-labelledby="materials-title">
          <h2 id="materials-title">{t("campaigns.fields.materials")}</h2>
          <ul className="plain-list">
            {texts.materials.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="nofollow noopener noreferrer" lang={link.label.language}>
                  {link.label.text}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {campaign.day?.officialUrl ? (
        <p>
          <a href={campaign.day.officialUrl} rel="noopener noreferrer">
            {t("campaigns.page.officialSite", { day: campaign.day.name })}
          </a>
        </p>
      ) : null}
      <p>{t("campaigns.page.pledgeCount", { count: pledgeCount, partners: partnerCount })}</p>
      {partner && campaign.status === "published" ? <PledgeSection partner={partner} /> : null}
    </article>
  );
}

function PledgeSection({ partner }: { partner: { name: string; pledges: { id: string; kind: string; details: string }[] } }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "pledge",
    lastResult: actionData?.result ?? undefined,
    defaultValue: { kind: "hold_event" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PledgeSchema }),
  });
  return (
    <section aria-labelledby="pledge-title" className="card">
      <h2 id="pledge-title">{t("campaigns.pledges.title", { partner: partner.name })}</h2>
      {actionData?.pledged ? (
        <p className="notice" role="status">
          {t("campaigns.pledges.thanks")}
        </p>
      ) : null}
      {partner.pledges.length > 0 ? (
        <ul className="plain-list">
          {partner.pledges.map((pledge) => (
            <li key={pledge.id}>
              {t(pledgeKindKeys[pledge.kind as PledgeKind])}
              {pledge.details ? `: ${pledge.details}` : ""}{" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="pledgeId" value={pledge.id} />
                <button type="submit" className="button-link">
                  {t("campaigns.pledges.withdraw")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.kind}
          label={t("campaigns.pledges.kind")}
          options={pledgeKinds.map((kind) => ({ value: kind, label: t(pledgeKindKeys[kind]) }))}
        />
        <TextAreaField field={fields.details} label={t("campaigns.pledges.details")} hint={t("campaigns.pledges.detailsHint")} rows={3} />
        <div className="actions">
          <button type="submit">{t("campaigns.pledges.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
