/**
 * The public API's contract, OpenAPI 3.1: served as /api/v1/openapi.json,
 * linted by @redocly/cli (npm run lint:api) and used by the tests to validate
 * every answer. docs/api.md explains it in prose. Change both together.
 */

const json = (schema: object, description: string) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });

const standardErrors = {
  "400": problem("A malformed parameter (its name is in `detail`)."),
  "401": problem("An Authorization header with a token that is unknown, revoked, or belongs to another network."),
  "429": {
    ...problem("Too many requests from this address or token: wait `Retry-After` seconds."),
    headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" } },
  },
};
const notFound = { "404": problem("No such network (or campaign, global day, partner or event).") };
const notModified = { "304": { description: "The representation has not changed since the ETag sent in `If-None-Match`." } };
const okHeaders = {
  ETag: { $ref: "#/components/headers/ETag" },
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};
const ok = (schema: object, description: string) => ({ "200": { ...json(schema, description), headers: okHeaders } });

const networkParameter = { $ref: "#/components/parameters/network" };
const langParameter = { $ref: "#/components/parameters/lang" };
const security = [{}, { bearer: [] }];

const nullable = (schema: object) => ({ oneOf: [schema, { type: "null" }] });
const nullableString = { type: ["string", "null"] };
const dateOnly = { type: "string", format: "date" };
const instant = { type: "string", format: "date-time" };
const uuid = { type: "string", format: "uuid" };
const url = { type: "string", format: "uri" };

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Daymark public API",
    version: "1.0.0",
    summary: "A network's calendar, campaigns, global days and listed partners, read-only.",
    description:
      "What Daymark's public pages show, as JSON: published events (partners-only events and private online links only with an entitled token), public campaigns with their global day, the network's global days, and partner organisations that agreed to be listed. See docs/api.md.",
    license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
  },
  servers: [{ url: "/api/v1", description: "This Daymark server" }],
  security,
  tags: [
    { name: "networks", description: "Networks and their calendars." },
    { name: "events", description: "Events, as the network's iCalendar feed holds them." },
    { name: "campaigns", description: "Public campaigns and global days." },
    { name: "partners", description: "Partner organisations that agreed to be listed." },
  ],
  paths: {
    "/networks": {
      get: {
        operationId: "listNetworks",
        tags: ["networks"],
        summary: "Every network on this server",
        responses: {
          ...ok(
            { type: "object", required: ["data"], properties: { data: { type: "array", items: ref("Network") } } },
            "The networks, by name.",
          ),
          ...notModified,
          ...standardErrors,
        },
      },
    },
    "/networks/{network}": {
      get: {
        operationId: "getNetwork",
        tags: ["networks"],
        summary: "One network",
        parameters: [networkParameter],
        responses: { ...ok(ref("Network"), "The network."), ...notModified, ...standardErrors, ...notFound },
      },
    },
    "/networks/{network}/events": {
      get: {
        operationId: "listEvents",
        tags: ["events"],
        summary: "The network's events, soonest first (or by change, with `changed_since`)",
        description:
          "Without `changed_since`: exactly the events of the network's feed (`/n/{network}/calendar.ics` with the same filters): published events until a year after they end, cancelled ones for 30 days after cancelling, ordered by start. With `changed_since`: every event changed after that instant (cancelled ones included, whenever they were cancelled), and a tombstone for each event that left the listings (deleted, withdrawn), ordered by change. Tombstones ignore the filters: drop the ids you hold.",
        parameters: [
          networkParameter,
          {
            name: "country",
            in: "query",
            description: "ISO 3166-1 alpha-2 code, any case.",
            schema: { type: "string", pattern: "^[A-Za-z]{2}$" },
          },
          {
            name: "language",
            in: "query",
            description: "ISO 639 code (two or three letters): any of the event's languages.",
            schema: { type: "string", pattern: "^[A-Za-z]{2,3}$" },
          },
          { name: "mode", in: "query", schema: { type: "string", enum: ["in_person", "online", "hybrid"] } },
          { name: "campaign", in: "query", description: "A public campaign's id.", schema: uuid },
          {
            name: "day",
            in: "query",
            description: "A global day's key, e.g. `world-aids-day`.",
            schema: { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" },
          },
          { name: "partner", in: "query", description: "A host or co-host partner organisation's id.", schema: uuid },
          { name: "changed_since", in: "query", description: "An instant (RFC 3339).", schema: instant },
          {
            name: "ends_after",
            in: "query",
            description: "Only events that end after this instant (RFC 3339): what is still to come.",
            schema: instant,
          },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
          {
            name: "cursor",
            in: "query",
            description: "`nextCursor` of the previous page, with the same other parameters.",
            schema: { type: "string", maxLength: 200 },
          },
        ],
        responses: {
          ...ok(
            {
              type: "object",
              required: ["data", "nextCursor"],
              properties: {
                data: { type: "array", items: { oneOf: [ref("Event"), ref("EventTombstone")] } },
                nextCursor: { ...nullableString, description: "Pass it as `cursor` for the next page; null on the last one." },
              },
            },
            "One page of events.",
          ),
          ...notModified,
          ...standardErrors,
          ...notFound,
        },
      },
    },
    "/networks/{network}/events/{eventId}": {
      get: {
        operationId: "getEvent",
        tags: ["events"],
        summary: "One event (unlisted ones too, as their page)",
        parameters: [networkParameter, { name: "eventId", in: "path", required: true, schema: uuid }],
        responses: { ...ok(ref("Event"), "The event."), ...notModified, ...standardErrors, ...notFound },
      },
    },
    "/networks/{network}/campaigns": {
      get: {
        operationId: "listCampaigns",
        tags: ["campaigns"],
        summary: "Published and archived campaigns, latest first",
        parameters: [networkParameter, langParameter],
        responses: {
          ...ok({ type: "object", required: ["data"], properties: { data: { type: "array", items: ref("Campaign") } } }, "The campaigns."),
          ...notModified,
          ...standardErrors,
          ...notFound,
        },
      },
    },
    "/networks/{network}/days": {
      get: {
        operationId: "listGlobalDays",
        tags: ["campaigns"],
        summary: "The global days the network follows, with their dates in the coming twelve months",
        parameters: [networkParameter, langParameter],
        responses: {
          ...ok(
            { type: "object", required: ["data"], properties: { data: { type: "array", items: ref("GlobalDay") } } },
            "The days, by next date.",
          ),
          ...notModified,
          ...standardErrors,
          ...notFound,
        },
      },
    },
    "/networks/{network}/partners": {
      get: {
        operationId: "listPartners",
        tags: ["partners"],
        summary: "Partner organisations that agreed to be listed, by name",
        parameters: [networkParameter],
        responses: {
          ...ok({ type: "object", required: ["data"], properties: { data: { type: "array", items: ref("Partner") } } }, "The partners."),
          ...notModified,
          ...standardErrors,
          ...notFound,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: {
        type: "http",
        scheme: "bearer",
        description:
          "An API token the network's owner created (`Authorization: Bearer …`). Without one, the API answers what public pages show.",
      },
    },
    parameters: {
      network: {
        name: "network",
        in: "path",
        required: true,
        description: "The network's slug, as in `/n/demo`.",
        schema: { type: "string", pattern: "^[a-z0-9-]+$" },
      },
      lang: {
        name: "lang",
        in: "query",
        description: "Language of names (en, fr, de, es, ru); default: the network's.",
        schema: { type: "string", enum: ["en", "fr", "de", "es", "ru"] },
      },
    },
    headers: {
      ETag: { description: "A strong validator of the body: send it back in `If-None-Match`.", schema: { type: "string" } },
      "RateLimit-Limit": { description: "Requests allowed per window.", schema: { type: "integer" } },
      "RateLimit-Remaining": { description: "Requests left in the current window.", schema: { type: "integer" } },
      "RateLimit-Reset": { description: "Seconds until the window starts again.", schema: { type: "integer" } },
      "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } },
    },
    schemas: {
      Problem: {
        type: "object",
        description: "RFC 9457 problem details.",
        required: ["type", "title", "status"],
        properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" } },
      },
      Network: {
        type: "object",
        required: ["id", "slug", "name", "defaultLanguage", "timeZone", "url", "feedUrl"],
        properties: {
          id: uuid,
          slug: { type: "string" },
          name: { type: "string" },
          defaultLanguage: { type: "string" },
          timeZone: { type: "string", description: "IANA zone." },
          url: { ...url, description: "The network's public calendar page." },
          feedUrl: { ...url, description: "Its iCalendar feed." },
        },
      },
      PartnerRef: { type: "object", required: ["id", "name"], properties: { id: uuid, name: { type: "string" } } },
      Event: {
        type: "object",
        required: [
          "id",
          "uid",
          "url",
          "status",
          "visibility",
          "sequence",
          "title",
          "description",
          "descriptionHtml",
          "timeZone",
          "start",
          "end",
          "allDay",
          "startDate",
          "endDate",
          "mode",
          "venueName",
          "address",
          "city",
          "country",
          "geo",
          "onlineUrl",
          "languages",
          "accessibility",
          "campaign",
          "host",
          "cohosts",
          "registrationUrl",
          "createdAt",
          "updatedAt",
          "cancelledAt",
        ],
        properties: {
          id: uuid,
          uid: { type: "string", description: "The iCalendar UID of the event in every feed: never changes." },
          url: { ...url, description: "The event's page (registration included)." },
          status: { type: "string", enum: ["published", "cancelled"] },
          visibility: {
            type: "string",
            enum: ["public", "partners", "unlisted"],
            description: "`partners` and `unlisted` only with an entitled token (or `unlisted` by id).",
          },
          sequence: { type: "integer", description: "iCalendar SEQUENCE: goes up whenever time, place or status changes." },
          title: { type: "string" },
          description: { type: "string", description: "Plain text (links written out)." },
          descriptionHtml: { type: "string", description: "Safe HTML: no scripts, no remote images." },
          timeZone: { type: "string", description: "The IANA zone the event happens in." },
          start: { ...instant, description: "In the event's zone, with its offset." },
          end: { ...instant, description: "In the event's zone, with its offset." },
          allDay: { type: "boolean" },
          startDate: { ...nullable(dateOnly), description: "All-day events: the first day." },
          endDate: { ...nullable(dateOnly), description: "All-day events: the last day (inclusive)." },
          mode: { type: "string", enum: ["in_person", "online", "hybrid"] },
          venueName: nullableString,
          address: nullableString,
          city: nullableString,
          country: { ...nullableString, description: "ISO 3166-1 alpha-2." },
          geo: nullable({ type: "object", required: ["lat", "lon"], properties: { lat: { type: "number" }, lon: { type: "number" } } }),
          onlineUrl: { ...nullable(url), description: "Only when the organisers made it public, or for a token entitled to online links." },
          languages: { type: "array", items: { type: "string" } },
          accessibility: { type: "array", items: { type: "string" } },
          campaign: nullable({
            type: "object",
            required: ["id", "slug", "title", "globalDay"],
            properties: {
              id: uuid,
              slug: { type: "string" },
              title: { type: "string" },
              globalDay: nullable({ type: "object", required: ["id", "key"], properties: { id: uuid, key: { type: "string" } } }),
            },
          }),
          host: nullable(ref("PartnerRef")),
          cohosts: { type: "array", items: ref("PartnerRef") },
          registrationUrl: nullable(url),
          createdAt: instant,
          updatedAt: instant,
          cancelledAt: nullable(instant),
        },
      },
      EventTombstone: {
        type: "object",
        description: "An event that left the listings: drop it.",
        required: ["id", "status", "removedAt"],
        properties: { id: uuid, status: { type: "string", enum: ["deleted", "withdrawn"] }, removedAt: instant },
      },
      GlobalDayRef: {
        type: "object",
        required: ["id", "key", "name", "year", "startsOn", "endsOn"],
        properties: {
          id: uuid,
          key: { type: "string" },
          name: { type: "string" },
          year: { type: "integer" },
          startsOn: nullable(dateOnly),
          endsOn: nullable(dateOnly),
        },
      },
      Campaign: {
        type: "object",
        required: ["id", "slug", "title", "status", "startsOn", "endsOn", "globalDay", "url", "feedUrl"],
        properties: {
          id: uuid,
          slug: { type: "string" },
          title: { type: "string" },
          status: { type: "string", enum: ["published", "archived"] },
          startsOn: nullable(dateOnly),
          endsOn: nullable(dateOnly),
          globalDay: { ...nullable(ref("GlobalDayRef")), description: "The global day's occurrence the campaign is for." },
          url: url,
          feedUrl: url,
        },
      },
      GlobalDay: {
        type: "object",
        required: ["id", "key", "name", "description", "colour", "officialUrl", "own", "occurrences", "feedUrl"],
        properties: {
          id: uuid,
          key: { type: "string" },
          name: { type: "string" },
          description: { type: "string" },
          colour: { type: "string", pattern: "^#[0-9a-f]{6}$" },
          officialUrl: nullable(url),
          own: { type: "boolean", description: "A day the network added itself, not one of the shared catalogue." },
          occurrences: {
            type: "array",
            description: "Its dates in the coming twelve months; null dates: not announced yet.",
            items: {
              type: "object",
              required: ["year", "startsOn", "endsOn"],
              properties: { year: { type: "integer" }, startsOn: nullable(dateOnly), endsOn: nullable(dateOnly) },
            },
          },
          feedUrl: url,
        },
      },
      Partner: {
        type: "object",
        required: ["id", "name", "country", "city", "website", "languages", "feedUrl"],
        properties: {
          id: uuid,
          name: { type: "string" },
          country: { type: "string" },
          city: nullableString,
          website: nullable(url),
          languages: { type: "array", items: { type: "string" } },
          feedUrl: { ...url, description: "The events it hosts or co-hosts." },
        },
      },
    },
  },
} as const;
