import api from "./api.json";
import auth from "./auth.json";
import campaigns from "./campaigns.json";
import common from "./common.json";
import emails from "./emails.json";
import events from "./events.json";
import feeds from "./feeds.json";
import imports from "./imports.json";
import mailings from "./mailings.json";
import network from "./network.json";
import partners from "./partners.json";
import registrations from "./registrations.json";
import speakers from "./speakers.json";
import translations from "./translations.json";

/** The reference catalogue: every other language has exactly these keys. */
const en = {
  ...common,
  ...auth,
  ...network,
  ...emails,
  ...campaigns,
  ...events,
  ...speakers,
  ...feeds,
  ...registrations,
  ...partners,
  ...mailings,
  ...imports,
  ...translations,
  ...api,
};
export default en;
