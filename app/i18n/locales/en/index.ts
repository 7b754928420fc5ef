import auth from "./auth.json";
import common from "./common.json";
import emails from "./emails.json";
import mailings from "./mailings.json";
import network from "./network.json";
import partners from "./partners.json";

/** The reference catalogue: every other language has exactly these keys. */
const en = { ...common, ...auth, ...network, ...emails, ...partners, ...mailings };
export default en;
