import auth from "./auth.json";
import campaigns from "./campaigns.json";
import common from "./common.json";
import emails from "./emails.json";
import network from "./network.json";
import speakers from "./speakers.json";

/** French: the same keys as English (checked by the catalogue parity test). */
const fr = { ...common, ...auth, ...network, ...emails, ...campaigns, ...speakers };
export default fr;
