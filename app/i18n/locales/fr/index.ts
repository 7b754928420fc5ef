import auth from "./auth.json";
import common from "./common.json";
import emails from "./emails.json";
import mailings from "./mailings.json";
import network from "./network.json";
import partners from "./partners.json";

/** French: the same keys as English (checked by the catalogue parity test). */
const fr = { ...common, ...auth, ...network, ...emails, ...partners, ...mailings };
export default fr;
